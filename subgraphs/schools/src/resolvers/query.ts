import { badUserInput, isNumberKey, isStringKey, readPage, toConnection } from '@commonroom/subgraph-kit';
import type { SchoolsContext } from '../context.ts';
import * as q from '../data/queries.ts';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const Query = {
  async schools(_: unknown, args: PageArgs & { filter?: q.SchoolFilter | null }, { db }: SchoolsContext) {
    const page = readPage(args, isNumberKey);
    const filter = args.filter ?? {};
    if ((filter.nameContains?.length ?? 0) > 100) {
      throw badUserInput('nameContains is at most 100 characters', 'filter.nameContains');
    }
    const [rows, total] = await Promise.all([
      q.schoolsPage(db, filter, page.limit, page.after),
      q.countSchools(db, filter),
    ]);
    return toConnection(rows, page.limit, (s) => s.urn, total);
  },
  school: (_: unknown, { urn }: { urn: number }, { loaders }: SchoolsContext) => loaders.school.load(urn),
  localAuthorities: (_: unknown, __: unknown, { db }: SchoolsContext) => q.allLocalAuthorities(db),
  localAuthority: (_: unknown, { code }: { code: string }, { loaders }: SchoolsContext) =>
    loaders.localAuthority.load(code.trim()),
  async trusts(_: unknown, args: PageArgs & { region?: string | null }, { db }: SchoolsContext) {
    const page = readPage(args, isStringKey);
    const region = args.region ?? undefined;
    const [rows, total] = await Promise.all([
      q.trustsPage(db, region, page.limit, page.after),
      q.countTrusts(db, region),
    ]);
    return toConnection(rows, page.limit, (t) => t.id, total);
  },
  trust: (_: unknown, { id }: { id: string }, { loaders }: SchoolsContext) => loaders.trust.load(id),
};

import { badUserInput, isNumberKey, isStringKey, readPage, toConnection } from '@commonroom/subgraph-kit';
import * as q from '../data/queries.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

export const Query: QueryResolvers = {
  async schools(_, args, { db }) {
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
  school: (_, { urn }, { loaders }) => loaders.school.load(urn),
  localAuthorities: (_, __, { db }) => q.allLocalAuthorities(db),
  localAuthority: (_, { code }, { loaders }) => loaders.localAuthority.load(code.trim()),
  async trusts(_, args, { db }) {
    const page = readPage(args, isStringKey);
    const region = args.region ?? undefined;
    const [rows, total] = await Promise.all([
      q.trustsPage(db, region, page.limit, page.after),
      q.countTrusts(db, region),
    ]);
    return toConnection(rows, page.limit, (t) => t.id, total);
  },
  trust: (_, { id }, { loaders }) => loaders.trust.load(id),
};

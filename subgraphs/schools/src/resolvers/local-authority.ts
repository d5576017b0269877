import { isNumberKey, readPage, toConnection } from '@commonroom/subgraph-kit';
import type { SchoolsContext } from '../context.ts';
import type { LocalAuthorityRow } from '../data/queries.ts';

export const LocalAuthority = {
  __resolveReference: ({ code }: { code: string }, { loaders }: SchoolsContext) =>
    loaders.localAuthority.load(code),
  async schools(
    la: LocalAuthorityRow,
    args: { first?: number | null; after?: string | null },
    { loaders }: SchoolsContext,
  ) {
    const page = readPage(args, isNumberKey);
    const [rows, total] = await Promise.all([
      loaders.schoolPageOfLa.load({ key: la.code, args: { limit: page.limit, afterUrn: page.after } }),
      loaders.schoolCountOfLa.load(la.code),
    ]);
    return toConnection(rows, page.limit, (s) => s.urn, total);
  },
};

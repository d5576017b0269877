import { isNumberKey, readPage, toConnection } from '@commonroom/subgraph-kit';
import type { LocalAuthorityResolvers } from '../generated/resolvers.ts';

export const LocalAuthority: LocalAuthorityResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.localAuthority.load(code),
  async schools(la, args, { loaders }) {
    const page = readPage(args, isNumberKey);
    const [rows, total] = await Promise.all([
      loaders.schoolPageOfLa.load({ key: la.code, args: { limit: page.limit, afterUrn: page.after } }),
      loaders.schoolCountOfLa.load(la.code),
    ]);
    return toConnection(rows, page.limit, (s) => s.urn, total);
  },
};

import { badUserInput, forbidden, readPage, toConnection } from '@commonroom/subgraph-kit';
import * as q from '../data/queries.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { EEF_STRANDS } from '../rules/eef-strands.ts';
import { canUseMarket } from '../rules/visibility.ts';

const MAX_SEARCH_LENGTH = 200;

export const Query: QueryResolvers = {
  async practices(
    _,
    args: {
      search?: string | null;
      filter?: q.PracticeFilter | null;
      first?: number | null;
      after?: string | null;
    },
    { db, viewer },
  ) {
    const search = args.search?.trim() || null;
    if (search && search.length > MAX_SEARCH_LENGTH)
      throw badUserInput(`search must be at most ${MAX_SEARCH_LENGTH} characters`, 'search');
    const page = readPage(args, q.isSearchKey, 20);
    const filter = args.filter ?? {};
    const [rows, total] = await Promise.all([
      q.searchPractices(db, viewer, search, filter, page.limit, page.after),
      q.countPractices(db, viewer, search, filter),
    ]);
    return toConnection(rows, page.limit, (r) => [r.rank, r.id], total);
  },
  practice: (_, { id }, { loaders }) => loaders.practice.load(id),
  eefStrands: () => [...EEF_STRANDS],
  skillRequests(_, { status }, { db, viewer }) {
    if (!canUseMarket(viewer)) throw forbidden('The expertise market is for school, trust and LA staff.');
    return q.skillRequestsWithStatus(db, status);
  },
  skillRequest(_, { id }, { viewer, loaders }) {
    if (!canUseMarket(viewer)) throw forbidden('The expertise market is for school, trust and LA staff.');
    return loaders.skillRequest.load(id);
  },
  experts(_, __, { viewer, loaders }) {
    if (!canUseMarket(viewer)) throw forbidden('The expertise market is for school, trust and LA staff.');
    return loaders.experts.load('all');
  },
};

import { forbidden } from '@commonroom/subgraph-kit';
import type { ConsultancyEngagementResolvers } from '../generated/resolvers.ts';
import { canUseMarket } from '../rules/visibility.ts';

export const ConsultancyEngagement: ConsultancyEngagementResolvers = {
  /** Market users only, as for `School.consultancies`; null for an unknown id. */
  async __resolveReference({ id }, { viewer, loaders }) {
    if (!canUseMarket(viewer)) throw forbidden('Consultancy records are for school, trust and LA staff.');
    return loaders.consultancy.load(id);
  },
  fromSchool: (e) => ({ urn: e.fromUrn }),
  toSchool: (e) => ({ urn: e.toUrn }),
  team: (e) => e.teamStaffIds.map((id) => ({ id })),
};

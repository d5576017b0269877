import { forbidden } from '@commonroom/subgraph-kit';
import type { PracticeContext } from '../context.ts';
import type { ConsultancyRow } from '../data/queries.ts';
import { canUseMarket } from '../rules/visibility.ts';

export const ConsultancyEngagement = {
  /** Market users only, as for `School.consultancies`; null for an unknown id. */
  async __resolveReference({ id }: { id: string }, { viewer, loaders }: PracticeContext) {
    if (!canUseMarket(viewer)) throw forbidden('Consultancy records are for school, trust and LA staff.');
    return loaders.consultancy.load(id);
  },
  fromSchool: (e: ConsultancyRow) => ({ urn: e.fromUrn }),
  toSchool: (e: ConsultancyRow) => ({ urn: e.toUrn }),
  team: (e: ConsultancyRow) => e.teamStaffIds.map((id) => ({ id })),
};

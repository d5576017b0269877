import type { ConsultancyRow } from '../data/queries.ts';

export const ConsultancyEngagement = {
  fromSchool: (e: ConsultancyRow) => ({ urn: e.fromUrn }),
  toSchool: (e: ConsultancyRow) => ({ urn: e.toUrn }),
  team: (e: ConsultancyRow) => e.teamStaffIds.map((id) => ({ id })),
};

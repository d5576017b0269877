import { required } from '@commonroom/subgraph-kit';
import type { AdoptionResolvers } from '../generated/resolvers.ts';

export const Adoption: AdoptionResolvers = {
  /** Null when the adopted practice is not one the caller may see. */
  __resolveReference: ({ id }, { loaders }) => loaders.adoption.load(id),
  // An adoption is visible only with its practice, so the practice is there.
  practice: (adoption, _, { loaders }) =>
    required(loaders.practice.load(adoption.practiceId), `practice ${adoption.practiceId}`),
  school: (adoption) => ({ urn: adoption.urn }),
  cohort: (adoption) => ({ id: adoption.cohortId }),
};

import type { PracticeContext } from '../context.ts';
import type { AdoptionRow } from '../data/queries.ts';

export const Adoption = {
  /** Null when the adopted practice is not one the caller may see. */
  __resolveReference: ({ id }: { id: string }, { loaders }: PracticeContext) => loaders.adoption.load(id),
  practice: (adoption: AdoptionRow, _: unknown, { loaders }: PracticeContext) =>
    loaders.practice.load(adoption.practiceId),
  school: (adoption: AdoptionRow) => ({ urn: adoption.urn }),
  cohort: (adoption: AdoptionRow) => ({ id: adoption.cohortId }),
};

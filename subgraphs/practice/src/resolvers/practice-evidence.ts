import type { PracticeEvidenceResolvers } from '../generated/resolvers.ts';

export const PracticeEvidence: PracticeEvidenceResolvers = {
  /** Null when the practice is not one the caller may see, exactly as `Practice` is. */
  async __resolveReference({ practiceId }, { loaders }) {
    const practice = await loaders.practice.load(practiceId);
    return practice ? loaders.evidenceOfPractice.load(practiceId) : null;
  },
};

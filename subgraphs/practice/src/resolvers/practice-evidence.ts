import type { PracticeContext } from '../context.ts';

export const PracticeEvidence = {
  /** Null when the practice is not one the caller may see, exactly as `Practice` is. */
  async __resolveReference({ practiceId }: { practiceId: string }, { loaders }: PracticeContext) {
    const practice = await loaders.practice.load(practiceId);
    return practice ? loaders.evidenceOfPractice.load(practiceId) : null;
  },
};

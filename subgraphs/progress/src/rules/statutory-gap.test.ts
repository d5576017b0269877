import { policyWithThreshold } from '@commonroom/disclosure';
import { describe, expect, it } from 'vitest';
import { statutoryGapIndexReport } from './statutory-gap.ts';

const policy = policyWithThreshold(5);

describe('statutoryGapIndexReport', () => {
  it('is 20 × the difference of mean scaled ranks, exact for those who see pupils', () => {
    const m = statutoryGapIndexReport(
      { disadvantaged: 10, others: 30, disadvantagedRank: 0.35, othersRank: 0.55 },
      'pupils',
      policy,
    );
    expect(m.value).toBeCloseTo(4, 10);
    expect(m).toMatchObject({ cohort: 40, suppressed: false });
  });

  it('hides the index, with code c, when either side has 1–5 pupils', () => {
    for (const [disadvantaged, others] of [
      [5, 40],
      [40, 1],
    ] as const) {
      const m = statutoryGapIndexReport(
        { disadvantaged, others, disadvantagedRank: 0.2, othersRank: 0.6 },
        'aggregates',
        policy,
      );
      expect(m).toMatchObject({ value: null, cohort: null, suppressed: true, code: 'c' });
    }
  });

  it('rounds for aggregate-only viewers and says when one side is empty', () => {
    const m = statutoryGapIndexReport(
      { disadvantaged: 12, others: 31, disadvantagedRank: 0.31234, othersRank: 0.56789 },
      'aggregates',
      policy,
    );
    expect(m.cohort).toBe(45);
    expect(String(m.value).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(policy.meanDecimals);
    expect(
      statutoryGapIndexReport(
        { disadvantaged: 0, others: 31, disadvantagedRank: null, othersRank: 0.5 },
        'pupils',
        policy,
      ),
    ).toMatchObject({ value: null, suppressed: false });
  });
});

import { describe, expect, it } from 'vitest';
import { gapIndex } from './gap-index.ts';

const pupils = (focus: number[], others: number[], rankWithin?: number) => [
  ...focus.map((score) => ({ score, focus: true, rankWithin })),
  ...others.map((score) => ({ score, focus: false, rankWithin })),
];

describe('disadvantage gap index (DfE, rank-based, 0–10)', () => {
  it('is 10 when every focus pupil is below every other pupil', () => {
    // ranks: focus 1, 2 (mean 1.5); others 3, 4 (mean 3.5); (3.5 − 1.5) / 4 × 20 = 10
    expect(gapIndex(pupils([10, 20], [30, 40]))).toBeCloseTo(10);
  });

  it('is 5 for interleaved groups and 0 for identical ones', () => {
    // focus 1, 3 (mean 2); others 2, 4 (mean 3); 1 / 4 × 20 = 5
    expect(gapIndex(pupils([10, 30], [20, 40]))).toBeCloseTo(5);
    expect(gapIndex(pupils([10, 20], [10, 20]))).toBeCloseTo(0);
  });

  it('gives tied scores their mean rank', () => {
    // scores 10, 20, 20, 30: ranks 1, 2.5, 2.5, 4. focus {10, 20} mean 1.75; others {20, 30} mean 3.25 → 1.5/4×20 = 7.5
    expect(gapIndex(pupils([10, 20], [20, 30]))).toBeCloseTo(7.5);
  });

  it('is negative when the focus group does better, and null when a group is empty', () => {
    expect(gapIndex(pupils([30, 40], [10, 20]))).toBeCloseTo(-10);
    expect(gapIndex(pupils([], [10, 20]))).toBeNull();
  });

  it('ranks within year groups, so an older cohort scoring higher does not make a gap', () => {
    // Year 2 (scores ~15) and Year 6 (~27): within each, focus and others interleave → 5, not larger.
    const mixed = [...pupils([14, 16], [15, 17], 2), ...pupils([26, 28], [27, 29], 6)];
    expect(gapIndex(mixed)).toBeCloseTo(5);
  });
});

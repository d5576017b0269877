import { describe, expect, it } from 'vitest';
import { gapMeasure, measure, shareMeasure } from './measure.ts';

describe('suppression of small numbers', () => {
  it('suppresses cohorts of 1 to 5 and shows 6 or more', () => {
    for (const n of [1, 5])
      expect(shareMeasure(1, n, 5)).toMatchObject({ value: null, cohort: null, suppressed: true });
    expect(shareMeasure(3, 6, 5)).toEqual({ value: 0.5, cohort: 6, suppressed: false, reason: null });
    expect(measure(null, 0, 5)).toMatchObject({ value: null, cohort: 0, suppressed: false });
    expect(shareMeasure(1, 5, 5).reason).toMatch(/Fewer than 6 pupils/);
  });

  it('follows the threshold setting', () => {
    expect(shareMeasure(1, 3, 2).suppressed).toBe(false);
    expect(shareMeasure(1, 2, 2).suppressed).toBe(true);
  });

  it('suppresses a gap when either side is small, even if the other is large', () => {
    const others = { value: 0.7, cohort: 120 };
    expect(gapMeasure(others, { value: 0.2, cohort: 4 }, 5)).toMatchObject({ value: null, suppressed: true });
    expect(gapMeasure({ value: 0.7, cohort: 3 }, { value: 0.2, cohort: 40 }, 5).suppressed).toBe(true);
    const gap = gapMeasure(others, { value: 0.5, cohort: 20 }, 5);
    expect(gap.value).toBeCloseTo(0.2);
    expect(gap).toMatchObject({ cohort: 140, suppressed: false });
    expect(gapMeasure(others, { value: null, cohort: 0 }, 5)).toMatchObject({
      value: null,
      suppressed: false,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { gapTrendReport, groupGapReport, schoolProgressReport } from './reports.ts';

describe('school progress report', () => {
  it('computes shares and the disadvantaged gap from counts', () => {
    // 40 pupils: 10 disadvantaged (4 at expected), 30 others (21 at expected) → 0.7 − 0.4 = 0.3
    const r = schoolProgressReport(
      {
        pupils: 40,
        stuck: 5,
        stuckWithoutPlan: 1,
        onTrack: 30,
        atExpected: 25,
        progressSum: -8,
        disadvantaged: 10,
        disadvantagedAtExpected: 4,
      },
      5,
    );
    expect(r.onTrack).toMatchObject({ value: 0.75, cohort: 40 });
    expect(r.averageProgress.value).toBeCloseTo(-0.2);
    expect(r.disadvantagedGap.value).toBeCloseTo(0.3);
    expect(r.disadvantagedGap.cohort).toBe(40);
  });

  it('suppresses the gap when only 3 pupils are disadvantaged', () => {
    const r = schoolProgressReport(
      {
        pupils: 40,
        stuck: 0,
        stuckWithoutPlan: 0,
        onTrack: 30,
        atExpected: 25,
        progressSum: 0,
        disadvantaged: 3,
        disadvantagedAtExpected: 1,
      },
      5,
    );
    expect(r.disadvantagedGap).toMatchObject({ value: null, suppressed: true });
    expect(r.onTrack.suppressed).toBe(false);
  });
});

describe('group gaps and trend', () => {
  it('compares each group with all the others', () => {
    const [a, b, c] = groupGapReport(
      [
        { group: 'A', n: 10, atExpected: 5, progressSum: 0, stuck: 1 },
        { group: 'B', n: 20, atExpected: 16, progressSum: 4, stuck: 2 },
        { group: 'C', n: 3, atExpected: 3, progressSum: 0, stuck: 0 },
      ],
      5,
    );
    // A: rest = 23 pupils, 19 at expected → 19/23 − 0.5
    expect(a?.attainmentGap.value).toBeCloseTo(19 / 23 - 0.5);
    expect(b?.stuckRate.value).toBeCloseTo(0.1);
    expect(c?.attainment.suppressed).toBe(true);
    expect(c?.attainmentGap.suppressed).toBe(true);
  });

  it('turns mean scaled ranks into the 0–10 index', () => {
    const [y] = gapTrendReport(
      [
        {
          academicYear: 2025,
          focus: 10,
          rest: 30,
          focusAtExpected: 4,
          restAtExpected: 21,
          focusRank: 0.3,
          restRank: 0.55,
        },
      ],
      5,
    );
    expect(y?.gap.value).toBeCloseTo(0.3);
    expect(y?.gapIndex.value).toBeCloseTo(5);
    const [small] = gapTrendReport(
      [
        {
          academicYear: 2025,
          focus: 2,
          rest: 30,
          focusAtExpected: 1,
          restAtExpected: 21,
          focusRank: 0.3,
          restRank: 0.55,
        },
      ],
      5,
    );
    expect(small?.gap.suppressed).toBe(true);
    expect(small?.gapIndex.suppressed).toBe(true);
  });
});

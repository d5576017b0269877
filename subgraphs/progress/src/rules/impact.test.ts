import { describe, expect, it } from 'vitest';
import { adoptionEvidence, adoptionImpact, bandOf, type PupilGain } from './impact.ts';

const g = (baseline: number, end: number): PupilGain => ({ baseline, end });

/**
 * Worked by hand. Band 2 (6 ≤ baseline < 9): cohort gains 4, 4, 3.5; comparable gains 3, 3, 3.5 (mean 19/6).
 * Band 3 (9 ≤ baseline < 12): cohort gains 4, 3.5, 3; comparable gains 3, 3, 2.5 (mean 17/6).
 * Differences: band 2: 5/6 + 5/6 + 2/6 = 2; band 3: 7/6 + 4/6 + 1/6 = 2. Effect = 4 / 6 = 0.667 points.
 * The cohort pupil in band 0 has no comparable pupil, and the comparable pupil in band 5 no cohort pupil:
 * neither counts. Months at 1 point a term (0.25 a month): 0.667 / 0.25 = 2.7.
 */
const COHORT = [g(7, 11), g(8, 12), g(6.5, 10), g(9, 13), g(10, 13.5), g(11, 14), g(1, 3)];
const OTHERS = [g(7, 10), g(8, 11), g(6, 9.5), g(9.5, 12.5), g(10, 13), g(11.5, 14), g(15, 18)];
const SETTINGS = { threshold: 5, expectedPointsPerTerm: 1 };

describe('adoptionImpact', () => {
  it('bands prior attainment by whole years of expected progress', () => {
    expect([bandOf(5.99), bandOf(6), bandOf(8.99), bandOf(9)]).toEqual([1, 2, 2, 3]);
  });

  it('compares the cohort with comparable pupils band by band', () => {
    expect(adoptionImpact(COHORT, OTHERS, SETTINGS)).toEqual({
      effect: { value: 0.67, cohort: 6, suppressed: false, reason: null },
      months: { value: 2.7, cohort: 6, suppressed: false, reason: null },
      cohortSize: 6,
      comparisonSize: 6,
    });
  });

  it("converts with the trust's expected progress: 1.5 points a term is 0.375 a month", () => {
    expect(adoptionImpact(COHORT, OTHERS, { threshold: 5, expectedPointsPerTerm: 1.5 }).months.value).toBe(
      1.8,
    );
  });

  it('gives a negative effect when the cohort falls behind', () => {
    const behind = COHORT.map((p) => g(p.baseline, p.end - 1.5));
    expect(adoptionImpact(behind, OTHERS, SETTINGS).effect.value).toBe(-0.83);
  });

  it('suppresses when the cohort, or those it is compared with, number 1 to the threshold', () => {
    const hidden = {
      value: null,
      cohort: null,
      suppressed: true,
      reason: expect.stringMatching(/suppressed/),
    };
    const fewCohort = adoptionImpact(COHORT.slice(1), OTHERS, SETTINGS);
    expect(fewCohort).toEqual({ effect: hidden, months: hidden, cohortSize: null, comparisonSize: null });
    expect(adoptionImpact(COHORT, OTHERS.slice(1), SETTINGS).effect).toEqual(hidden);
    expect(adoptionImpact(COHORT.slice(0, 4), OTHERS, SETTINGS).effect).toEqual(hidden);
  });

  it('says there is nothing to measure when no cohort pupil has a comparable pupil', () => {
    expect(adoptionImpact([], OTHERS, SETTINGS).effect).toMatchObject({
      value: null,
      cohort: 0,
      suppressed: false,
    });
    expect(adoptionImpact(COHORT, [], SETTINGS).effect).toMatchObject({
      value: null,
      cohort: 0,
      suppressed: false,
    });
  });
});

describe('adoptionEvidence', () => {
  const positive = adoptionImpact(COHORT, OTHERS, SETTINGS);
  // The same pupils the other way round: the cohort made less progress than comparable pupils.
  const negative = adoptionImpact(OTHERS, COHORT, SETTINGS);
  const zero = adoptionImpact([g(7, 10), ...COHORT.slice(1, 6)], [g(7, 10), ...COHORT.slice(1, 6)], SETTINGS);
  const suppressed = adoptionImpact(COHORT.slice(0, 3), OTHERS, SETTINGS);
  const nothingToMeasure = adoptionImpact([], OTHERS, SETTINGS);

  it('counts measured effects, and the positive ones among them', () => {
    expect(positive.effect.value).toBeGreaterThan(0);
    expect(negative.effect.value).toBeLessThan(0);
    expect(zero.effect.value).toBe(0);
    expect(adoptionEvidence([positive, negative, zero, positive])).toEqual({
      measured: 4,
      withPositiveEffect: 2,
    });
  });

  it('counts a suppressed effect as not measured, and never as positive', () => {
    expect(suppressed.effect.suppressed).toBe(true);
    expect(adoptionEvidence([suppressed])).toEqual({ measured: 0, withPositiveEffect: 0 });
    expect(adoptionEvidence([positive, suppressed, suppressed])).toEqual({
      measured: 1,
      withPositiveEffect: 1,
    });
  });

  it('leaves out cohorts with nothing to measure and cohorts not known here', () => {
    expect(nothingToMeasure.effect).toMatchObject({ value: null, suppressed: false });
    expect(adoptionEvidence([nothingToMeasure, null, negative])).toEqual({
      measured: 1,
      withPositiveEffect: 0,
    });
    expect(adoptionEvidence([])).toEqual({ measured: 0, withPositiveEffect: 0 });
  });
});

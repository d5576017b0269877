import { describe, expect, it } from 'vitest';
import { adoptionEvidence, adoptionImpact, bandOf, type PupilGain, tCritical95 } from './impact.ts';

const g = (baseline: number, end: number): PupilGain => ({ baseline, end });

/**
 * Worked by hand. Band 2 (6 ≤ baseline < 9): cohort gains 4, 4, 3.5; comparable gains 3, 3, 3.5 (mean 19/6).
 * Band 3 (9 ≤ baseline < 12): cohort gains 4, 3.5, 3; comparable gains 3, 3, 2.5 (mean 17/6).
 * Differences: band 2: 5/6 + 5/6 + 2/6 = 2; band 3: 7/6 + 4/6 + 1/6 = 2. Effect = 4 / 6 = 0.667 points.
 * The cohort pupil in band 0 has no comparable pupil, and the comparable pupil in band 5 no cohort pupil:
 * neither counts. Months at 1 point a term (0.25 a month): 0.667 / 0.25 = 2.7.
 *
 * The interval: the differences 5/6, 5/6, 2/6, 7/6, 4/6, 1/6 have sample variance 2/15, so s²/n = 1/45; each band's
 * comparable gains have sample variance 1/12 over 3 pupils, weighted (3/6)² each: 2 × 1/4 × 1/36 = 1/72.
 * SE = √(1/45 + 1/72) = 0.1900; t(0.975, 5) = 2.571; 0.667 ± 0.489 = [0.18, 1.16]: above zero, POSITIVE.
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
      effect: { value: 0.67, cohort: 6, suppressed: false, reason: null, code: null },
      months: { value: 2.7, cohort: 6, suppressed: false, reason: null, code: null },
      cohortSize: 6,
      comparisonSize: 6,
      interval: { lower: 0.18, upper: 1.16, level: 0.95 },
      conclusion: 'POSITIVE',
    });
  });

  it('rounds for viewers who see aggregates only: sizes to 5, the effect to 1 place, the interval outwards', () => {
    expect(adoptionImpact(COHORT, OTHERS, SETTINGS, 'aggregates')).toEqual({
      effect: { value: 0.7, cohort: 5, suppressed: false, reason: null, code: null },
      months: { value: 2.7, cohort: 5, suppressed: false, reason: null, code: null },
      cohortSize: 5,
      comparisonSize: 5,
      // [0.18, 1.16] widened to whole tenths: it still holds the exact interval, and the conclusion is its.
      interval: { lower: 0.1, upper: 1.2, level: 0.95 },
      conclusion: 'POSITIVE',
    });
  });

  it('calls an effect above zero UNCLEAR when its interval holds zero, and gives no interval when suppressed', () => {
    // Comparable gains all 3; the cohort's swing between 1 and 5: effect 0.1 points, far inside its noise.
    const noisy = [g(6, 11), g(6.5, 7.5), g(7, 12), g(7.5, 8.5), g(8, 13), g(8.5, 10.1)];
    const steady = [g(6, 9), g(6.5, 9.5), g(7, 10), g(7.5, 10.5), g(8, 11), g(8.5, 11.5)];
    const unclear = adoptionImpact(noisy, steady, SETTINGS);
    expect(unclear.effect.value).toBe(0.1);
    expect(unclear.conclusion).toBe('UNCLEAR');
    expect(unclear.interval?.lower).toBeLessThan(0);
    expect(unclear.interval?.upper).toBeGreaterThan(0);
    const behind = adoptionImpact(OTHERS, COHORT, SETTINGS);
    expect(behind.conclusion).toBe('NEGATIVE');
    expect(behind.interval?.upper).toBeLessThan(0);
    const hidden = adoptionImpact(COHORT.slice(1), OTHERS, SETTINGS);
    expect([hidden.interval, hidden.conclusion]).toEqual([null, null]);
    expect([tCritical95(1), tCritical95(5), tCritical95(30), tCritical95(35), tCritical95(1000)]).toEqual([
      12.706, 2.571, 2.042, 2.042, 1.98,
    ]);
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
      reason: expect.stringMatching(/^c: withheld to protect confidentiality/),
      code: 'c',
    };
    const fewCohort = adoptionImpact(COHORT.slice(1), OTHERS, SETTINGS);
    expect(fewCohort).toEqual({
      effect: hidden,
      months: hidden,
      cohortSize: null,
      comparisonSize: null,
      interval: null,
      conclusion: null,
    });
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

  it('counts as positive only an effect whose whole interval is above zero', () => {
    const noisy = [g(6, 11), g(6.5, 7.5), g(7, 12), g(7.5, 8.5), g(8, 13), g(8.5, 10.1)];
    const steady = [g(6, 9), g(6.5, 9.5), g(7, 10), g(7.5, 10.5), g(8, 11), g(8.5, 11.5)];
    const aboveZeroButUnclear = adoptionImpact(noisy, steady, SETTINGS);
    expect(aboveZeroButUnclear.effect.value).toBeGreaterThan(0);
    expect(adoptionEvidence([aboveZeroButUnclear, positive])).toEqual({ measured: 2, withPositiveEffect: 1 });
  });

  it('counts a suppressed effect as not measured, and never as positive', () => {
    expect(suppressed.effect.suppressed).toBe(true);
    expect(adoptionEvidence([suppressed])).toEqual({ measured: 0, withPositiveEffect: 0 });
    expect(adoptionEvidence([positive, suppressed, suppressed])).toEqual({
      measured: 1,
      withPositiveEffect: 1,
    });
  });

  it('gives nothing away about a hidden cohort: the counts are the same whatever its effect would have been', () => {
    // Two small cohorts, one far ahead of comparable pupils and one far behind: both hidden (code c), so
    // "the practice's counts minus the other adoptions' published conclusions" says nothing about either.
    const ahead = adoptionImpact(
      COHORT.slice(0, 3).map((p) => ({ ...p, end: p.end + 10 })),
      OTHERS,
      SETTINGS,
    );
    const behind = adoptionImpact(
      COHORT.slice(0, 3).map((p) => ({ ...p, end: p.end - 10 })),
      OTHERS,
      SETTINGS,
    );
    for (const hidden of [ahead, behind])
      expect(hidden.effect).toMatchObject({ suppressed: true, code: 'c' });
    expect(adoptionEvidence([positive, negative, ahead])).toEqual(adoptionEvidence([positive, negative]));
    expect(adoptionEvidence([positive, negative, behind])).toEqual(adoptionEvidence([positive, negative]));
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

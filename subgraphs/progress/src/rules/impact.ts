import { type Measure, smallCohortReason } from './measure.ts';

/**
 * The measured impact of a piece of practice adopted for a cohort of pupils (an `Adoption` in the practice
 * subgraph): how much more progress the cohort made over the adoption period than comparable pupils — the
 * rest of the same school's year group, in the same subject and the same prior-attainment band.
 *
 * - Each pupil's gain is their points at the end of the period minus their points at its start (see
 *   data/impact.ts for which assessments those are).
 * - Prior-attainment band: which whole year of expected progress (3 points on the continuum) the pupil's
 *   starting points fall in, `floor(baseline / 3)`.
 * - Effect: for each cohort pupil with at least one comparable pupil in their band, their gain minus the mean
 *   gain of the comparable pupils in that band; the effect is the mean of these differences over the cohort
 *   pupils measured (so each band counts as often as the cohort has pupils in it). In points, 2 decimals.
 * - Months: the effect divided by the trust's expected points per month — a year of expected progress
 *   (3 terms × `expectedPointsPerTerm`) is twelve months of progress — to 1 decimal; by default
 *   1 point = 4 months.
 * - Suppressed as every aggregate is: when the cohort pupils measured, or the comparable pupils they are
 *   measured against, number 1 to `threshold`, both values are null (so neither side can be worked back).
 *   `cohort` in the measures is the number of cohort pupils measured.
 */
export interface PupilGain {
  /** Points on the continuum at the start of the period and at its end. */
  baseline: number;
  end: number;
}

export interface ImpactSettings {
  threshold: number;
  expectedPointsPerTerm: number;
}

export interface Impact {
  effect: Measure;
  months: Measure;
  /** Cohort pupils measured; null when suppressed. */
  cohortSize: number | null;
  /** Comparable pupils measured against; null when suppressed. */
  comparisonSize: number | null;
}

export const BAND_WIDTH = 3;
export const bandOf = (baseline: number) => Math.floor(baseline / BAND_WIDTH);

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Points of expected progress per month: a year (three terms) of expected progress is twelve months. */
export const expectedPointsPerMonth = (expectedPointsPerTerm: number) => (expectedPointsPerTerm * 3) / 12;

export function adoptionImpact(
  cohort: readonly PupilGain[],
  others: readonly PupilGain[],
  settings: ImpactSettings,
): Impact {
  const bands = new Map<number, { sum: number; n: number }>();
  for (const p of others) {
    const band = bands.get(bandOf(p.baseline)) ?? { sum: 0, n: 0 };
    band.sum += p.end - p.baseline;
    band.n += 1;
    bands.set(bandOf(p.baseline), band);
  }
  let measured = 0;
  let difference = 0;
  const usedBands = new Set<number>();
  for (const p of cohort) {
    const band = bands.get(bandOf(p.baseline));
    if (!band) continue;
    measured += 1;
    difference += p.end - p.baseline - band.sum / band.n;
    usedBands.add(bandOf(p.baseline));
  }
  const compared = [...usedBands].reduce((n, b) => n + (bands.get(b)?.n ?? 0), 0);
  const small = [measured, compared].some((n) => n > 0 && n <= settings.threshold);
  if (small) {
    const hidden: Measure = {
      value: null,
      cohort: null,
      suppressed: true,
      reason: smallCohortReason(settings.threshold),
    };
    return { effect: hidden, months: hidden, cohortSize: null, comparisonSize: null };
  }
  if (measured === 0) {
    const none: Measure = {
      value: null,
      cohort: 0,
      suppressed: false,
      reason: 'No cohort pupils with assessments before and after, and comparable pupils to measure against.',
    };
    return { effect: none, months: none, cohortSize: 0, comparisonSize: compared };
  }
  const effect = difference / measured;
  const perMonth = expectedPointsPerMonth(settings.expectedPointsPerTerm);
  return {
    effect: { value: round(effect, 2), cohort: measured, suppressed: false, reason: null },
    months: { value: round(effect / perMonth, 1), cohort: measured, suppressed: false, reason: null },
    cohortSize: measured,
    comparisonSize: compared,
  };
}

/** What a practice's adoptions add up to, as the catalogue shows it beside its adoption counts. */
export interface AdoptionEvidence {
  /** Adoptions whose effect was measured and shown: neither suppressed nor without pupils to measure. */
  measured: number;
  /** Of those, adoptions whose cohort made more progress than comparable pupils (effect above 0). */
  withPositiveEffect: number;
}

/**
 * Counts the measured and the positive effects among a practice's adoptions (null: a cohort this subgraph does
 * not know). A suppressed effect counts as not measured, never as positive or negative, so the counts say
 * nothing about a small cohort that its own (suppressed) impact does not; an effect of exactly 0 is measured
 * but not positive.
 */
export function adoptionEvidence(impacts: readonly (Impact | null)[]): AdoptionEvidence {
  let measured = 0;
  let withPositiveEffect = 0;
  for (const impact of impacts) {
    const effect = impact?.effect;
    if (!effect || effect.suppressed || effect.value === null) continue;
    measured += 1;
    if (effect.value > 0) withPositiveEffect += 1;
  }
  return { measured, withPositiveEffect };
}

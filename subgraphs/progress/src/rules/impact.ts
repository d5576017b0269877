import {
  type Audience,
  type Measure,
  policyWithThreshold,
  primaryOnly,
  publishCount,
  publishValue,
  suppressedMeasure,
} from '@commonroom/disclosure';

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
 * - Suppressed through the disclosure-control rules (docs/disclosure-control.md): when the cohort pupils
 *   measured, or the comparable pupils they are measured against, number 1 to `threshold`, both values are
 *   null with code `c` and the reason (the two sides are one set: neither can be worked back from the other).
 *   `cohort` in the measures is the number of cohort pupils measured.
 * - Uncertainty: a 95% confidence interval for the effect, effect ± t(0.975, n − 1) × SE, where n is the cohort
 *   pupils measured and SE² = s²/n + Σ_b (n_b/n)² s_b²/m_b: s² the sample variance of the cohort pupils'
 *   differences, and for each band b the cohort's share n_b/n of it times the variance of the mean gain of its m_b
 *   comparable pupils (s_b² their sample variance; 0 for one pupil). The conclusion is POSITIVE only when the whole
 *   interval is above zero, NEGATIVE when it is below, UNCLEAR when it holds zero. No interval (and no conclusion)
 *   when suppressed, when nothing was measured, or for a single pupil.
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
  /** The 95% confidence interval of the effect, in points (2 decimals); null when there is none (above). */
  interval: { lower: number; upper: number; level: number } | null;
  /** What the interval says: null when there is none. */
  conclusion: 'POSITIVE' | 'NEGATIVE' | 'UNCLEAR' | null;
}

/** t(0.975, df) for df = 1…30; then 40, 60, 120 and the normal value beyond. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
/** The two-sided 95% critical value of Student's t with `df` degrees of freedom (rounded down to a tabled df). */
export function tCritical95(df: number): number {
  if (df < 1) return Number.POSITIVE_INFINITY;
  if (df <= 30) return T_975[df - 1] as number;
  if (df < 40) return 2.042;
  if (df < 60) return 2.021;
  if (df < 120) return 2.0;
  return 1.98;
}

const variance = (values: readonly number[]) => {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
};

export const BAND_WIDTH = 3;
export const bandOf = (baseline: number) => Math.floor(baseline / BAND_WIDTH);

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Points of expected progress per month: a year (three terms) of expected progress is twelve months. */
export const expectedPointsPerMonth = (expectedPointsPerTerm: number) => (expectedPointsPerTerm * 3) / 12;

export function adoptionImpact(
  cohort: readonly PupilGain[],
  others: readonly PupilGain[],
  settings: ImpactSettings,
  audience: Audience = 'pupils',
): Impact {
  const bands = new Map<number, { sum: number; n: number; gains: number[] }>();
  for (const p of others) {
    const band = bands.get(bandOf(p.baseline)) ?? { sum: 0, n: 0, gains: [] };
    band.sum += p.end - p.baseline;
    band.n += 1;
    band.gains.push(p.end - p.baseline);
    bands.set(bandOf(p.baseline), band);
  }
  let measured = 0;
  let difference = 0;
  const differences: number[] = [];
  /** Cohort pupils measured in each band. */
  const usedBands = new Map<number, number>();
  for (const p of cohort) {
    const band = bands.get(bandOf(p.baseline));
    if (!band) continue;
    measured += 1;
    const d = p.end - p.baseline - band.sum / band.n;
    difference += d;
    differences.push(d);
    usedBands.set(bandOf(p.baseline), (usedBands.get(bandOf(p.baseline)) ?? 0) + 1);
  }
  const compared = [...usedBands.keys()].reduce((n, b) => n + (bands.get(b)?.n ?? 0), 0);
  const policy = policyWithThreshold(settings.threshold);
  const small = primaryOnly(measured, policy) ?? primaryOnly(compared, policy);
  if (small) {
    const hidden = suppressedMeasure(small, policy);
    return {
      effect: hidden,
      months: hidden,
      cohortSize: null,
      comparisonSize: null,
      interval: null,
      conclusion: null,
    };
  }
  if (measured === 0) {
    const none: Measure = {
      value: null,
      cohort: 0,
      suppressed: false,
      reason: 'No cohort pupils with assessments before and after, and comparable pupils to measure against.',
      code: null,
    };
    return {
      effect: none,
      months: none,
      cohortSize: 0,
      comparisonSize: compared,
      interval: null,
      conclusion: null,
    };
  }
  const effect = difference / measured;
  const perMonth = expectedPointsPerMonth(settings.expectedPointsPerTerm);
  const exact = confidence(effect, differences, usedBands, bands);
  if (audience === 'pupils')
    return {
      effect: { value: round(effect, 2), cohort: measured, suppressed: false, reason: null, code: null },
      months: {
        value: round(effect / perMonth, 1),
        cohort: measured,
        suppressed: false,
        reason: null,
        code: null,
      },
      cohortSize: measured,
      comparisonSize: compared,
      ...exact,
    };
  // Aggregates only: sizes rounded like every count they see, the effect like every mean, and the interval
  // widened outwards to the same places so that it still holds the exact one (the conclusion is the exact
  // interval's, so it never contradicts what is shown).
  const cohortShown = publishCount(measured, audience, policy);
  const places = policy.meanDecimals;
  const f = 10 ** places;
  return {
    effect: {
      value: publishValue(effect, 'mean', audience, policy),
      cohort: cohortShown,
      suppressed: false,
      reason: null,
      code: null,
    },
    months: {
      value: publishValue(effect / perMonth, 'mean', audience, policy),
      cohort: cohortShown,
      suppressed: false,
      reason: null,
      code: null,
    },
    cohortSize: cohortShown,
    comparisonSize: publishCount(compared, audience, policy),
    interval: exact.interval && {
      ...exact.interval,
      lower: round(Math.floor(exact.interval.lower * f + 1e-9) / f, places),
      upper: round(Math.ceil(exact.interval.upper * f - 1e-9) / f, places),
    },
    conclusion: exact.conclusion,
  };
}

function confidence(
  effect: number,
  differences: readonly number[],
  usedBands: ReadonlyMap<number, number>,
  bands: ReadonlyMap<number, { n: number; gains: number[] }>,
): Pick<Impact, 'interval' | 'conclusion'> {
  const n = differences.length;
  if (n < 2) return { interval: null, conclusion: null };
  let se2 = variance(differences) / n;
  for (const [b, inBand] of usedBands) {
    const band = bands.get(b);
    if (band) se2 += (inBand / n) ** 2 * (variance(band.gains) / band.n);
  }
  const half = tCritical95(n - 1) * Math.sqrt(se2);
  const lower = round(effect - half, 2);
  const upper = round(effect + half, 2);
  const conclusion = lower > 0 ? 'POSITIVE' : upper < 0 ? 'NEGATIVE' : 'UNCLEAR';
  return { interval: { lower, upper, level: 0.95 }, conclusion };
}

/** What a practice's adoptions add up to, as the catalogue shows it beside its adoption counts. */
export interface AdoptionEvidence {
  /** Adoptions whose effect was measured and shown: neither suppressed nor without pupils to measure. */
  measured: number;
  /**
   * Of those, adoptions whose cohort made more progress than comparable pupils beyond doubt: the whole 95%
   * confidence interval of the effect above 0 (conclusion POSITIVE), not merely an effect above 0.
   */
  withPositiveEffect: number;
}

/**
 * Counts the measured and the positive effects among a practice's adoptions (null: a cohort this subgraph does
 * not know). Disclosure control (docs/disclosure-control.md): the counts are worked out from the published
 * impacts only (each through `adoptionImpact`, i.e. @commonroom/disclosure), never from a hidden one, so
 * they are counts of adoptions that reveal nothing a reader of every adoption's impact could not see. A suppressed effect counts as not measured, never as positive or negative, so the counts say
 * nothing about a small cohort that its own (suppressed) impact does not; an effect whose interval holds 0 (or
 * that has no interval) is measured but not positive.
 */
export function adoptionEvidence(impacts: readonly (Impact | null)[]): AdoptionEvidence {
  let measured = 0;
  let withPositiveEffect = 0;
  for (const impact of impacts) {
    const effect = impact?.effect;
    if (!effect || effect.suppressed || effect.value === null) continue;
    measured += 1;
    if (impact?.conclusion === 'POSITIVE') withPositiveEffect += 1;
  }
  return { measured, withPositiveEffect };
}

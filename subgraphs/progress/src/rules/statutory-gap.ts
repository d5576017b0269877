import {
  type Audience,
  type DisclosurePolicy,
  figure,
  type Measure,
  primaryOnly,
} from '@commonroom/disclosure';

/** A trust's or LA's pupils in one key stage's results, ranked across the whole cohort loaded (data/statutory-gap.ts). */
export interface StatutoryGapCounts {
  disadvantaged: number;
  others: number;
  /** Mean rank of each side, scaled to 0–1 by the whole cohort's size (ties share their mean rank); null without pupils. */
  disadvantagedRank: number | null;
  othersRank: number | null;
}

/**
 * The DfE disadvantage gap index on statutory results: 20 × (others' mean scaled rank − disadvantaged pupils'),
 * −10 to 10, 0 = no gap. Through `@commonroom/disclosure`: hidden (code c) when either side has 1 to the
 * threshold pupils, as the gap trend is; otherwise a mean over the whole area's cohort, rounded and with a
 * rounded cohort for aggregate-only viewers.
 */
export function statutoryGapIndexReport(
  counts: StatutoryGapCounts,
  audience: Audience,
  policy: DisclosurePolicy,
): Measure {
  const cohort = counts.disadvantaged + counts.others;
  const hidden = primaryOnly(counts.disadvantaged, policy) ?? primaryOnly(counts.others, policy);
  const index =
    counts.disadvantaged === 0 ||
    counts.others === 0 ||
    counts.disadvantagedRank === null ||
    counts.othersRank === null
      ? null
      : 20 * (counts.othersRank - counts.disadvantagedRank);
  if (!hidden && cohort > 0 && index === null)
    return {
      value: null,
      cohort: null,
      suppressed: false,
      reason: 'No pupils on one side of the gap.',
      code: null,
    };
  return figure(index, cohort, 'mean', hidden, audience, policy);
}

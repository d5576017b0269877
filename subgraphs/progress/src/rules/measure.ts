/**
 * Every aggregate over pupils is a Measure. A cohort of 1 to `threshold` pupils is suppressed (value and
 * cohort hidden), so small groups — and the children in them — cannot be identified.
 */
export interface Measure {
  value: number | null;
  cohort: number | null;
  suppressed: boolean;
  reason: string | null;
}

export const smallCohortReason = (threshold: number) =>
  `Fewer than ${threshold + 1} pupils: suppressed to protect individuals.`;

/** A value over `cohort` pupils; `value` may be null when there is nothing to measure. */
export function measure(value: number | null, cohort: number, threshold: number): Measure {
  if (cohort === 0) return { value: null, cohort: 0, suppressed: false, reason: 'No pupils in this group.' };
  if (cohort <= threshold)
    return { value: null, cohort: null, suppressed: true, reason: smallCohortReason(threshold) };
  return { value, cohort, suppressed: false, reason: null };
}

/** A share of a cohort, 0–1. */
export function shareMeasure(count: number, cohort: number, threshold: number): Measure {
  return measure(cohort === 0 ? null : count / cohort, cohort, threshold);
}

/**
 * The gap `comparison − focus` (e.g. other pupils minus disadvantaged pupils): suppressed when either
 * side is, so a hidden figure cannot be worked back from the gap and the other side. Its cohort is both
 * sides together.
 */
export function gapMeasure(
  comparison: { value: number | null; cohort: number },
  focus: { value: number | null; cohort: number },
  threshold: number,
): Measure {
  const small = [comparison, focus].some((side) => side.cohort > 0 && side.cohort <= threshold);
  if (small) return { value: null, cohort: null, suppressed: true, reason: smallCohortReason(threshold) };
  if (comparison.cohort === 0 || focus.cohort === 0 || comparison.value === null || focus.value === null)
    return {
      value: null,
      cohort: comparison.cohort + focus.cohort,
      suppressed: false,
      reason: 'One of the groups has no pupils.',
    };
  return {
    value: comparison.value - focus.value,
    cohort: comparison.cohort + focus.cohort,
    suppressed: false,
    reason: null,
  };
}

import { type Audience, type DisclosurePolicy, reasonOf, type Suppression } from './policy.ts';

/**
 * A published figure: the GraphQL `Measure`. `code` is `c` (DfE: confidential) when suppressed, with the
 * reason in words.
 */
export interface Measure {
  value: number | null;
  cohort: number | null;
  suppressed: boolean;
  reason: string | null;
  code: string | null;
}

/** A number with `decimals` places (half away from zero), without binary noise. */
export const roundTo = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.sign(value) * (Math.round(Math.abs(value) * f) / f);
};

/**
 * A count as a viewer may see it: exact for `pupils`; for `aggregates`, 0 stays 0, 1..threshold is null
 * (suppressed), anything else is rounded to the nearest `roundCountsTo` (halves up).
 */
export function publishCount(n: number, audience: Audience, policy: DisclosurePolicy): number | null {
  if (audience === 'pupils' || n === 0) return n;
  if (n <= policy.threshold) return null;
  const step = policy.roundCountsTo;
  return step > 1 ? Math.floor(n / step + 0.5) * step : n;
}

/**
 * A count of pupils with an attribute (e.g. stuck) out of a published whole, as a viewer may see it: like
 * `publishCount`, except that for `aggregates` a 0 is null too when the policy says a zero is small (a 0
 * would say that no pupil of the whole, nor of any group of it, has the attribute).
 */
export function publishAttributeCount(
  n: number,
  audience: Audience,
  policy: DisclosurePolicy,
): number | null {
  if (audience === 'aggregates' && n === 0 && policy.attributeZeroIsSmall) return null;
  return publishCount(n, audience, policy);
}

export type ValueKind = 'share' | 'mean';

/** A value as a viewer may see it: exact for `pupils`, rounded per the policy for `aggregates`. */
export function publishValue(
  value: number | null,
  kind: ValueKind,
  audience: Audience,
  policy: DisclosurePolicy,
): number | null {
  if (value === null || audience === 'pupils') return value;
  return roundTo(value, kind === 'share' ? policy.shareDecimals : policy.meanDecimals);
}

/** The figure for a suppressed group. */
export const suppressedMeasure = (s: Suppression, policy: DisclosurePolicy): Measure => ({
  value: null,
  cohort: null,
  suppressed: true,
  reason: reasonOf(s, policy),
  code: s.code,
});

/**
 * A value over `cohort` pupils, given the suppression decided for its group (from `protect`): hidden,
 * "no pupils", or published with the value and cohort as the audience may see them.
 */
export function figure(
  value: number | null,
  cohort: number,
  kind: ValueKind,
  hidden: Suppression | undefined,
  audience: Audience,
  policy: DisclosurePolicy,
): Measure {
  if (cohort === 0)
    return { value: null, cohort: 0, suppressed: false, reason: 'No pupils in this group.', code: null };
  if (hidden) return suppressedMeasure(hidden, policy);
  if (cohort <= policy.threshold) return suppressedMeasure({ code: 'c', kind: 'primary' }, policy);
  return {
    value: publishValue(value, kind, audience, policy),
    cohort: publishCount(cohort, audience, policy),
    suppressed: false,
    reason: null,
    code: null,
  };
}

/** The primary rule alone, for a figure with no set around it (e.g. one cohort's measured effect). */
export const primaryOnly = (cohort: number, policy: DisclosurePolicy): Suppression | undefined =>
  cohort >= 1 && cohort <= policy.threshold ? { code: 'c', kind: 'primary' } : undefined;

/**
 * The disclosure-control rules, as data. Every figure about pupils that any role can read goes through this
 * package; docs/disclosure-control.md explains each rule and why, in a DPO's terms.
 */
export interface DisclosurePolicy {
  /** Primary suppression: a figure over 1 to `threshold` pupils is hidden. */
  threshold: number;
  /**
   * Secondary suppression: in every set of figures that add up to a known total, the hidden ones together
   * must be at least `minHidden` groups holding at least `threshold + (groups hidden)` pupils, and — where the
   * figures count an attribute (at the expected standard, stuck) — at least `threshold` pupils with it and
   * `threshold` without, so no hidden group's size or count can be worked back to a range narrower than the
   * threshold.
   */
  minHidden: number;
  /** Roles that see aggregates only: counts above the threshold rounded to the nearest `roundCountsTo`. */
  roundCountsTo: number;
  /** Roles that see aggregates only: shares (0–1) to this many decimal places (2 = whole percentages). */
  shareDecimals: number;
  /** Roles that see aggregates only: means (points on the continuum, months) to this many decimal places. */
  meanDecimals: number;
  /**
   * Roles that see aggregates only: a counted attribute that is shown as a figure of its own (a group's stuck
   * rate) is protected like a group — hidden when `threshold` or fewer pupils have it, or lack it, and then
   * by the secondary and cross-level rules. `true`: a count of 0 is small too (a rate of 0 says that every
   * pupil of the group lacks the attribute, and rounded rates over fewer than 200 pupils give 0 exactly).
   */
  attributeZeroIsSmall: boolean;
}

export const DEFAULT_POLICY: DisclosurePolicy = {
  threshold: 5,
  minHidden: 2,
  roundCountsTo: 5,
  shareDecimals: 2,
  meanDecimals: 1,
  attributeZeroIsSmall: true,
};

/** A policy with another threshold (the `SUPPRESSION_THRESHOLD` setting), the other rules as default. */
export const policyWithThreshold = (threshold: number): DisclosurePolicy => ({
  ...DEFAULT_POLICY,
  threshold,
});

/**
 * Who reads a figure. `pupils`: the viewer may read the pupil-level records behind it (the school's staff,
 * its trust's leaders) — exact figures, suppression still applied. `aggregates`: the viewer sees aggregates
 * only (LA officers; anyone reading another school's figures) — suppression and rounding.
 */
export type Audience = 'pupils' | 'aggregates';

/** DfE's symbol for a figure withheld to protect confidentiality. */
export const SUPPRESSED = 'c';

/**
 * Why a figure is hidden, kept for the code that decides (and its tests): `primary` (1 to threshold pupils),
 * `secondary` (hidden so that a smaller hidden group cannot be worked out by subtraction), `total` (a trust's
 * or LA's figure hidden so that its schools' hidden figures cannot be worked out). Readers are never told
 * which: one reason text for all three (`reasonOf`), because "this one is the small one" is itself a
 * disclosure (it bounds a hidden group to 1..threshold and its partners to more).
 */
export type Suppression = { code: typeof SUPPRESSED; kind: 'primary' | 'secondary' | 'total' };

/** The one reason every hidden figure gives, whatever its kind (see `Suppression`). */
export const reasonOf = (_s: Suppression, policy: DisclosurePolicy): string =>
  `c: withheld to protect confidentiality — a group of ${policy.threshold} or fewer, or a figure from which one could be worked out.`;

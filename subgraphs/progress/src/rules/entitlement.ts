/**
 * Who is entitled to additional support, over and above what the school ordinarily provides (the 2020
 * Vision report's recommendation): a pupil
 *   (a) not achieving expected standards in reading, writing or maths during KS1;
 *   (b) not progressing in English (reading, writing) or maths between KS1 and KS2;
 *   (c) not progressing in those subjects between KS2 and KS4.
 * Computed from the pupil's periodic assessments and statutory key-stage results (a CTF's KS1 teacher assessment
 * for (a); KS1 and KS2 results as the baseline of (b) and (c)) with their trust's settings; each reason is listed.
 * "Not progressing" is a gain since the end of the earlier key stage below the trust's `notProgressingShare`
 * of expected progress.
 */
import {
  type Audience,
  type Cell,
  type DisclosurePolicy,
  figure,
  type Measure,
  protect,
  protectAbove,
  protectTogether,
  publishCount,
  type SumSet,
  type Suppression,
} from '@commonroom/disclosure';
import { DEFAULT_SETTINGS, expectedPoints, type PointInTime, type ProgressSettings } from './progress.ts';

/** A trust's settings for who is entitled and the support each entitlement carries. */
export interface EntitlementSettings {
  /** The budget of one entitlement (one pupil, one academic year), in pence (default £300). */
  supportBudgetPence: number;
  /**
   * Not progressing between key stages: the gain since the end of the earlier key stage is less than this
   * share of the expected gain (default 0.75, i.e. a quarter behind expected progress).
   */
  notProgressingShare: number;
}

export const DEFAULT_ENTITLEMENT_SETTINGS: EntitlementSettings = {
  supportBudgetPence: 30_000,
  notProgressingShare: 0.75,
};

export type TrustSettings = ProgressSettings & EntitlementSettings;
export const DEFAULT_TRUST_SETTINGS: TrustSettings = { ...DEFAULT_SETTINGS, ...DEFAULT_ENTITLEMENT_SETTINGS };

export type EntitlementReasonCode =
  | 'KS1_BELOW_EXPECTED_STANDARD'
  | 'NOT_PROGRESSING_KS1_TO_KS2'
  | 'NOT_PROGRESSING_KS2_TO_KS4';

export interface EntitlementReason {
  code: EntitlementReasonCode;
  /** READING, WRITING or MATHS (reading and writing are English). */
  subject: string;
  /** The reason in the school's words, with the numbers behind it. */
  description: string;
}

export interface SubjectHistory {
  subject: string;
  history: readonly PointInTime[];
  /**
   * Statutory end-of-key-stage results on the continuum (KS1 teacher assessment in Year 2, KS2 scaled score or
   * writing TA in Year 6, from a Common Transfer File): the baseline for (b) and (c) when the pupil has no
   * periodic assessment at the end of the earlier key stage (they joined later), before falling back to
   * their first periodic assessment after it.
   */
  keyStageResults?: readonly PointInTime[];
}

const timeOf = (p: Pick<PointInTime, 'academicYear' | 'term'>) => p.academicYear * 3 + p.term - 1;
const TERM_NAMES = ['', 'autumn', 'spring', 'summer'] as const;
const SUBJECT_WORDS: Record<string, string> = {
  READING: 'English (reading)',
  WRITING: 'English (writing)',
  MATHS: 'maths',
};
const round2 = (x: number) => Math.round(x * 100) / 100;
const points = (x: number) => `${round2(x)} point${round2(x) === 1 ? '' : 's'}`;

/** Each subject's reason, if any, in one academic year; in the order READING, WRITING, MATHS. */
export function entitlementReasons(
  subjects: readonly SubjectHistory[],
  academicYear: number,
  settings: Pick<TrustSettings, 'expectedPointsPerTerm' | 'notProgressingShare'> = DEFAULT_TRUST_SETTINGS,
): EntitlementReason[] {
  const reasons: EntitlementReason[] = [];
  for (const { subject, history, keyStageResults = [] } of subjects) {
    const words = SUBJECT_WORDS[subject];
    if (!words) continue;
    const sorted = history
      .filter((p) => p.academicYear <= academicYear)
      .sort((a, b) => timeOf(a) - timeOf(b));
    const latest = sorted.filter((p) => p.academicYear === academicYear).at(-1);
    // (a) also from the KS1 outcome: the statutory teacher assessment at the end of Year 2 (a CTF's), for a
    // pupil with no periodic assessment that year as for one whose assessments here say otherwise.
    const ks1 = keyStageResults.find((p) => p.yearGroup === 2 && p.academicYear === academicYear);
    const ks1Below = ks1 !== undefined && ks1.points < expectedPoints(2, 3) ? ks1 : undefined;
    const ks1Reason = (r: PointInTime): EntitlementReason => ({
      code: 'KS1_BELOW_EXPECTED_STANDARD',
      subject,
      description: `Below the expected standard in ${words} at the end of KS1 (statutory teacher assessment): ${points(r.points)}, expected ${expectedPoints(2, 3)}.`,
    });
    if (!latest) {
      if (ks1Below) reasons.push(ks1Reason(ks1Below));
      continue;
    }
    const year = latest.yearGroup;
    if (year >= 1 && year <= 2) {
      const expected = expectedPoints(year, latest.term);
      if (latest.points < expected)
        reasons.push({
          code: 'KS1_BELOW_EXPECTED_STANDARD',
          subject,
          description: `Below the expected standard in ${words} in Year ${year}: ${points(latest.points)} in the ${TERM_NAMES[latest.term]} term, expected ${expected}.`,
        });
      else if (ks1Below) reasons.push(ks1Reason(ks1Below));
      continue;
    }
    if (ks1Below) {
      reasons.push(ks1Reason(ks1Below));
      continue;
    }
    const stage =
      year >= 3 && year <= 6
        ? { code: 'NOT_PROGRESSING_KS1_TO_KS2' as const, lastYearBefore: 2, from: 'KS1' }
        : year >= 7 && year <= 11
          ? { code: 'NOT_PROGRESSING_KS2_TO_KS4' as const, lastYearBefore: 6, from: 'KS2' }
          : null;
    if (!stage) continue;
    // The baseline is the last assessment at the end of the earlier key stage; a pupil who joined later is
    // measured from their statutory result at the end of it, else from their first assessment after it.
    const baseline =
      sorted.filter((p) => p.yearGroup <= stage.lastYearBefore).at(-1) ??
      keyStageResults
        .filter((p) => p.yearGroup === stage.lastYearBefore && p.academicYear < academicYear)
        .sort((a, b) => timeOf(a) - timeOf(b))
        .at(-1) ??
      sorted.find((p) => p.yearGroup > stage.lastYearBefore);
    if (!baseline) continue;
    const terms = timeOf(latest) - timeOf(baseline);
    // Less than a year gives too little to judge by.
    if (terms < 3) continue;
    const gain = latest.points - baseline.points;
    const minimum = settings.notProgressingShare * terms * settings.expectedPointsPerTerm;
    if (gain < minimum)
      reasons.push({
        code: stage.code,
        subject,
        description: `Not progressing in ${words} since the end of ${stage.from}: ${points(gain)} gained in ${terms} terms, the minimum is ${round2(minimum)}.`,
      });
  }
  return reasons;
}

/** Pounds (2 decimals) in the API from pence in the database. */
export const poundsOf = (pence: number) => Math.round(pence) / 100;

/** Pence from pounds given in the API; null when not a positive amount with at most 2 decimals. */
export function penceOf(pounds: number): number | null {
  if (!Number.isFinite(pounds) || pounds <= 0) return null;
  const pence = Math.round(pounds * 100);
  if (Math.abs(pence - pounds * 100) > 1e-6) return null;
  return pence;
}

/**
 * The number accessing support as published beside a shown number eligible: null when it or the number not
 * accessing it (eligible minus accessing) is 1 to `threshold`, so neither small count is printed.
 */
export function supportCounts(eligible: number, accessing: number, threshold: number) {
  const small = (n: number) => n > 0 && n <= threshold;
  const eligibleShown = small(eligible) ? null : eligible;
  const accessingShown =
    eligibleShown === null || small(accessing) || small(eligible - accessing) ? null : accessing;
  return { eligibleForSupport: eligibleShown, accessingSupport: accessingShown };
}

/** Eligible pupils and those accessing support, per disadvantage and SEN (see data/support.ts). */
export interface SupportCountsByGroup {
  disadvantaged: boolean;
  sen: string;
  eligible: number;
  accessing: number;
}

export interface SupportGroupReport {
  group: string;
  eligibleForSupport: number | null;
  accessingSupport: number | null;
  takeUp: Measure;
}

const SUPPORT_GROUPS: { group: string; member: (c: SupportCountsByGroup) => boolean }[] = [
  { group: 'DISADVANTAGED', member: (c) => c.disadvantaged },
  { group: 'NOT_DISADVANTAGED', member: (c) => !c.disadvantaged },
  { group: 'NONE', member: (c) => c.sen === 'NONE' },
  { group: 'SEN_SUPPORT', member: (c) => c.sen === 'SEN_SUPPORT' },
  { group: 'EHC_PLAN', member: (c) => c.sen === 'EHC_PLAN' },
];

/** The key of the whole (every entitled pupil) among the take-up cells. */
const ALL = 'ALL';

/**
 * The sets of take-up figures that add up to a known total (the whole, published beside them): the
 * disadvantage groups, and the SEN groups.
 */
const SUPPORT_SETS: SumSet[] = [
  { members: ['DISADVANTAGED', 'NOT_DISADVANTAGED'], total: ALL },
  { members: ['NONE', 'SEN_SUPPORT', 'EHC_PLAN'], total: ALL },
];

function takeUpOf(
  eligible: number,
  accessing: number,
  hidden: Suppression | undefined,
  audience: Audience,
  policy: DisclosurePolicy,
) {
  const takeUp = figure(
    eligible === 0 ? null : accessing / eligible,
    eligible,
    'share',
    hidden,
    audience,
    policy,
  );
  if (takeUp.suppressed) return { eligibleForSupport: null, accessingSupport: null, takeUp };
  const shown = supportCounts(eligible, accessing, policy.threshold);
  return {
    eligibleForSupport: publishCount(eligible, audience, policy),
    accessingSupport:
      shown.accessingSupport === null ? null : publishCount(shown.accessingSupport, audience, policy),
    takeUp,
  };
}

const sumOf = (rows: readonly SupportCountsByGroup[]) => ({
  eligible: rows.reduce((a, r) => a + r.eligible, 0),
  accessing: rows.reduce((a, r) => a + r.accessing, 0),
});

/** The whole and each group, as cells (those accessing support are the counted attribute). */
function takeUpCells(counts: readonly SupportCountsByGroup[]): Cell[] {
  const all = sumOf(counts);
  return [
    { key: ALL, n: all.eligible, attributes: [all.accessing] },
    ...SUPPORT_GROUPS.map(({ group, member }) => {
      const g = sumOf(counts.filter(member));
      return { key: group, n: g.eligible, attributes: [g.accessing] };
    }),
  ];
}

/** The whole is also the sum of the other set's groups: once it is hidden, so are they all. */
function wholeHides(hidden: ReadonlyMap<string, Suppression>): Map<string, Suppression> {
  if (!hidden.has(ALL)) return new Map();
  return new Map(
    SUPPORT_GROUPS.filter(({ group }) => !hidden.has(group)).map(({ group }) => [
      group,
      { code: 'c', kind: 'secondary' } as Suppression,
    ]),
  );
}

const withWhole = (hidden: Map<string, Suppression>) => {
  for (const [k, v] of wholeHides(hidden)) hidden.set(k, v);
  return hidden;
};

/** One school's counts, by its URN. */
export interface SchoolSupportCounts {
  id: string;
  counts: readonly SupportCountsByGroup[];
}

/** Which take-up figures of a school outside any trust are hidden: within its own sets. */
export const hiddenTakeUp = (counts: readonly SupportCountsByGroup[], policy: DisclosurePolicy) =>
  withWhole(protect(takeUpCells(counts), SUPPORT_SETS, policy));

/**
 * A trust's take-up figures and its schools', decided together (`protectTogether`): a trust's figure for a
 * group is the sum of its schools', which the trust's other figures may give back even when it is hidden,
 * so a school's hidden group is hidden beside another school's of the same group, not only beside the
 * trust's. Every reader of a school of the trust gets the school's figures from this decision.
 */
export const hiddenTakeUpOfTrust = (
  counts: readonly SupportCountsByGroup[],
  schools: readonly SchoolSupportCounts[],
  policy: DisclosurePolicy,
) =>
  protectTogether(
    takeUpCells(counts),
    SUPPORT_SETS,
    schools.map(({ id, counts: c }) => ({ id, cells: takeUpCells(c), sets: SUPPORT_SETS })),
    policy,
    wholeHides,
  );

/**
 * Which of an LA's take-up figures are hidden, given its schools' figures as published (`hidden`: decided
 * with their trust, or alone): an LA's figure for a group is hidden when its schools' hidden figures of that
 * group are not safe together (`protectAbove`).
 */
export const hiddenTakeUpAbove = (
  counts: readonly SupportCountsByGroup[],
  schools: readonly (SchoolSupportCounts & { hidden: ReadonlyMap<string, Suppression> })[],
  policy: DisclosurePolicy,
) =>
  withWhole(
    protectAbove(
      takeUpCells(counts),
      SUPPORT_SETS,
      schools.map(({ id, counts: c, hidden }) => ({ id, cells: takeUpCells(c), hidden })),
      policy,
    ),
  );

/**
 * How many eligible pupils access support, overall and by group (disadvantaged or not; no SEN, SEN support,
 * EHC plan), through the disclosure-control rules (docs/disclosure-control.md): primary suppression of groups
 * of 1 to the threshold; secondary suppression within the disadvantage groups and within the SEN groups (each
 * adds up to the whole, which is published), counting those accessing support as the attribute, so a hidden
 * group is never the only one hidden and neither its size nor the number accessing support can be worked
 * out by subtraction — when nothing is left to hide, the whole is hidden, and with it every group; `hidden`
 * is decided by the caller for a trust's schools and a trust (`hiddenTakeUpOfTrust`) and an LA
 * (`hiddenTakeUpAbove`), alone for a school outside a trust (the default); counts rounded for aggregate-only
 * viewers. Hidden figures have code `c`, with the one reason every hidden figure gives.
 */
export function supportTakeUpReport(
  counts: readonly SupportCountsByGroup[],
  audience: Audience,
  policy: DisclosurePolicy,
  hidden: ReadonlyMap<string, Suppression> = hiddenTakeUp(counts, policy),
) {
  const all = sumOf(counts);
  return {
    ...takeUpOf(all.eligible, all.accessing, hidden.get(ALL), audience, policy),
    byGroup: SUPPORT_GROUPS.map(({ group, member }): SupportGroupReport => {
      const g = sumOf(counts.filter(member));
      return { group, ...takeUpOf(g.eligible, g.accessing, hidden.get(group), audience, policy) };
    }),
  };
}

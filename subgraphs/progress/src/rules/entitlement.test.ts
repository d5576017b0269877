import { DEFAULT_POLICY as P, policyWithThreshold, type Suppression } from '@commonroom/disclosure';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRUST_SETTINGS,
  entitlementReasons,
  hiddenTakeUp,
  hiddenTakeUpAbove,
  hiddenTakeUpOfTrust,
  penceOf,
  poundsOf,
  supportCounts,
  supportTakeUpReport,
} from './entitlement.ts';
import type { PointInTime } from './progress.ts';

/** Termly points from the autumn of `fromYearGroup` (academic year 2020 + year group). */
function termly(fromYearGroup: number, points: number[]): PointInTime[] {
  return points.map((p, i) => {
    const yearGroup = fromYearGroup + Math.floor(i / 3);
    return { academicYear: 2020 + yearGroup, term: ((i % 3) + 1) as 1 | 2 | 3, yearGroup, points: p };
  });
}

describe('entitlement (a): KS1 below the expected standard', () => {
  it('lists each of reading, writing and maths whose latest assessment is below expected for the term', () => {
    // Year 2 (2022): expected 13, 14, 15 by term. Summer: reading 14.5 (< 15), writing 15 (= 15), maths 12.
    const reasons = entitlementReasons(
      [
        { subject: 'READING', history: termly(2, [12, 13, 14.5]) },
        { subject: 'WRITING', history: termly(2, [13, 14, 15]) },
        { subject: 'MATHS', history: termly(2, [11, 12, 12]) },
      ],
      2022,
    );
    expect(reasons.map((r) => [r.code, r.subject])).toEqual([
      ['KS1_BELOW_EXPECTED_STANDARD', 'READING'],
      ['KS1_BELOW_EXPECTED_STANDARD', 'MATHS'],
    ]);
    expect(reasons[0]?.description).toBe(
      'Below the expected standard in English (reading) in Year 2: 14.5 points in the summer term, expected 15.',
    );
  });

  it('judges by the latest assessment of the year asked about, not later ones', () => {
    // Year 1 (2021) spring: 10 < expected 11; the summer of Year 2 (2022) is on track but later.
    const history = termly(1, [9, 10]).concat(termly(2, [13, 14, 15]));
    expect(entitlementReasons([{ subject: 'MATHS', history }], 2021)).toHaveLength(1);
    expect(entitlementReasons([{ subject: 'MATHS', history }], 2022)).toEqual([]);
  });

  it('gives nothing for Reception or a year without assessments', () => {
    expect(entitlementReasons([{ subject: 'READING', history: termly(0, [1, 1, 1]) }], 2020)).toEqual([]);
    expect(entitlementReasons([{ subject: 'READING', history: termly(1, [5, 5, 5]) }], 2023)).toEqual([]);
  });
});

describe('entitlement (b): not progressing in English or maths between KS1 and KS2', () => {
  it('measures the gain since the last KS1 assessment against the trust setting (3/4 of 1 a term)', () => {
    // End of KS1 (Y2 summer) 15. Y3 summer: 3 terms on, minimum 0.75 × 3 = 2.25.
    const writing = termly(2, [13, 14, 15, 15.5, 16, 16]); // gain 1 < 2.25
    const maths = termly(2, [13, 14, 15, 16, 17, 17.5]); // gain 2.5 ≥ 2.25
    const reasons = entitlementReasons(
      [
        { subject: 'WRITING', history: writing },
        { subject: 'MATHS', history: maths },
      ],
      2023,
    );
    expect(reasons).toEqual([
      {
        code: 'NOT_PROGRESSING_KS1_TO_KS2',
        subject: 'WRITING',
        description:
          'Not progressing in English (writing) since the end of KS1: 1 point gained in 3 terms, the minimum is 2.25.',
      },
    ]);
  });

  it("uses the trust's settings: a higher share makes more pupils entitled", () => {
    const maths = termly(2, [13, 14, 15, 16, 17, 17.5]); // gain 2.5 in 3 terms
    expect(entitlementReasons([{ subject: 'MATHS', history: maths }], 2023)).toEqual([]);
    const strict = { ...DEFAULT_TRUST_SETTINGS, notProgressingShare: 0.9 }; // minimum 2.7
    expect(entitlementReasons([{ subject: 'MATHS', history: maths }], 2023, strict)).toHaveLength(1);
  });

  it('does not judge less than a year after the baseline, and measures a late joiner from their first assessment', () => {
    expect(entitlementReasons([{ subject: 'MATHS', history: termly(2, [13, 14, 15, 15]) }], 2023)).toEqual(
      [],
    );
    // Joined in Year 4 (2024) at 19; Year 5 autumn 19.5: gain 0.5 in 3 terms < 2.25.
    const joiner = termly(4, [19, 19.2, 19.4, 19.5]);
    expect(entitlementReasons([{ subject: 'READING', history: joiner }], 2025)[0]?.code).toBe(
      'NOT_PROGRESSING_KS1_TO_KS2',
    );
  });
});

describe('entitlement (c): not progressing between KS2 and KS4', () => {
  it('measures Years 7–11 from the end of KS2 and lists every subject behind', () => {
    // End of KS2 (Y6 summer) 27; Y8 summer is 6 terms on, minimum 4.5.
    const reading = termly(6, [25, 26, 27, 27, 27.5, 28, 28.5, 29, 29.5]); // gain 2.5 < 4.5
    const maths = termly(6, [25, 26, 27, 28, 29, 30, 31, 32, 33]); // gain 6
    const english = termly(6, [25, 26, 27, 27, 27, 27, 27, 27, 27]); // an unknown subject is ignored
    const reasons = entitlementReasons(
      [
        { subject: 'READING', history: reading },
        { subject: 'MATHS', history: maths },
        { subject: 'SCIENCE', history: english },
      ],
      2028,
    );
    expect(reasons.map((r) => [r.code, r.subject])).toEqual([['NOT_PROGRESSING_KS2_TO_KS4', 'READING']]);
  });

  it('gives no reason after Year 11', () => {
    const flat = termly(11, [40, 40, 40, 40, 40, 40]);
    expect(entitlementReasons([{ subject: 'MATHS', history: flat }], 2032)).toEqual([]);
  });
});

describe('money and suppression', () => {
  it('turns pence into pounds and back, refusing fractions of a penny and non-positive sums', () => {
    expect(poundsOf(30_000)).toBe(300);
    expect(poundsOf(4_550)).toBe(45.5);
    expect(penceOf(45.5)).toBe(4_550);
    expect(penceOf(19.99)).toBe(1_999);
    expect(penceOf(0.001)).toBeNull();
    expect(penceOf(0)).toBeNull();
    expect(penceOf(-5)).toBeNull();
  });

  it('hides counts of 1–5, and the number accessing support when the number not accessing would be small', () => {
    expect(supportCounts(40, 22, 5)).toEqual({ eligibleForSupport: 40, accessingSupport: 22 });
    expect(supportCounts(4, 0, 5)).toEqual({ eligibleForSupport: null, accessingSupport: null });
    expect(supportCounts(40, 3, 5)).toEqual({ eligibleForSupport: 40, accessingSupport: null });
    expect(supportCounts(40, 37, 5)).toEqual({ eligibleForSupport: 40, accessingSupport: null });
    expect(supportCounts(40, 40, 5)).toEqual({ eligibleForSupport: 40, accessingSupport: 40 });
    expect(supportCounts(0, 0, 5)).toEqual({ eligibleForSupport: 0, accessingSupport: 0 });
  });
});

describe('support take-up report', () => {
  it('sums by disadvantage and SEN; a small group is never the only one hidden in its set', () => {
    const report = supportTakeUpReport(
      [
        { disadvantaged: true, sen: 'NONE', eligible: 12, accessing: 7 },
        { disadvantaged: true, sen: 'SEN_SUPPORT', eligible: 6, accessing: 3 },
        { disadvantaged: false, sen: 'NONE', eligible: 20, accessing: 10 },
        { disadvantaged: false, sen: 'EHC_PLAN', eligible: 2, accessing: 2 },
      ],
      'pupils',
      P,
    );
    expect(report).toMatchObject({
      eligibleForSupport: 40,
      accessingSupport: 22,
      takeUp: { value: 22 / 40, code: null },
    });
    const by = Object.fromEntries(report.byGroup.map((g) => [g.group, g]));
    expect(by.DISADVANTAGED).toMatchObject({ eligibleForSupport: 18, accessingSupport: 10 });
    expect(by.NOT_DISADVANTAGED).toMatchObject({ eligibleForSupport: 22, accessingSupport: 12 });
    // EHC plan (2) is hidden; SEN support (6) alone with it would leave 8 pupils, only 3 not accessing
    // support, so NONE is hidden as well: 40 − 32 − 6 no longer gives the EHC group.
    expect(by.EHC_PLAN).toMatchObject({ eligibleForSupport: null, accessingSupport: null });
    expect(by.EHC_PLAN?.takeUp).toMatchObject({ value: null, suppressed: true, code: 'c' });
    expect(by.EHC_PLAN?.takeUp.reason).toMatch(/^c: withheld to protect confidentiality/);
    for (const g of ['SEN_SUPPORT', 'NONE']) {
      expect(by[g]).toMatchObject({ eligibleForSupport: null, accessingSupport: null });
      // One reason for every hidden group: it must not tell which is the small one.
      expect(by[g]?.takeUp.reason, g).toBe(by.EHC_PLAN?.takeUp.reason);
    }
  });

  it('hides the complement of a small group: the whole minus the published group no longer gives it', () => {
    const report = supportTakeUpReport(
      [
        { disadvantaged: true, sen: 'NONE', eligible: 3, accessing: 1 },
        { disadvantaged: false, sen: 'NONE', eligible: 57, accessing: 30 },
      ],
      'pupils',
      P,
    );
    expect(report.eligibleForSupport).toBe(60);
    const by = Object.fromEntries(report.byGroup.map((g) => [g.group, g]));
    expect(by.DISADVANTAGED?.takeUp).toMatchObject({ suppressed: true, code: 'c' });
    expect(by.NOT_DISADVANTAGED).toMatchObject({ eligibleForSupport: null, accessingSupport: null });
    expect(by.NOT_DISADVANTAGED?.takeUp).toMatchObject({ suppressed: true, code: 'c' });
    expect(by.NONE).toMatchObject({ eligibleForSupport: 60, accessingSupport: 31 });
  });

  it('hides the whole when its only groups cannot be protected otherwise, and follows the threshold', () => {
    // 3 + 4: both groups are small, yet together hold 7 pupils: 7 ≥ 5 + 2, but only 2 not accessing.
    const rows = [
      { disadvantaged: true, sen: 'NONE', eligible: 3, accessing: 2 },
      { disadvantaged: false, sen: 'NONE', eligible: 4, accessing: 3 },
    ];
    const report = supportTakeUpReport(rows, 'pupils', P);
    expect(report).toMatchObject({ eligibleForSupport: null, accessingSupport: null });
    expect(report.takeUp).toMatchObject({ suppressed: true, code: 'c' });
    expect(report.takeUp.reason).toMatch(/^c: withheld to protect confidentiality/);
    // NONE holds every pupil, so it would give the whole away: hidden with it (empty groups stay 0).
    const by = Object.fromEntries(report.byGroup.map((g) => [g.group, g]));
    for (const g of ['DISADVANTAGED', 'NOT_DISADVANTAGED', 'NONE'])
      expect(by[g]?.takeUp, g).toMatchObject({ suppressed: true, code: 'c' });
    expect(by.EHC_PLAN).toMatchObject({ eligibleForSupport: 0, takeUp: { cohort: 0, suppressed: false } });
    const lower = supportTakeUpReport(rows, 'pupils', policyWithThreshold(1));
    expect(lower.eligibleForSupport).toBe(7);
  });

  // Two schools of a trust (or an LA): a's 2 disadvantaged pupils are hidden on a's own rule; b's 12 are not.
  const a = [
    { disadvantaged: true, sen: 'NONE', eligible: 2, accessing: 1 },
    { disadvantaged: false, sen: 'NONE', eligible: 30, accessing: 15 },
  ];
  const b = [
    { disadvantaged: true, sen: 'NONE', eligible: 12, accessing: 6 },
    { disadvantaged: false, sen: 'NONE', eligible: 40, accessing: 20 },
  ];

  it("decides a trust's take-up together with its schools': a second school's group is hidden beside the first", () => {
    const trust = [...a, ...b];
    const groupsOf = (r: ReturnType<typeof supportTakeUpReport>) =>
      Object.fromEntries(r.byGroup.map((g) => [g.group, g.takeUp]));
    // Each alone, the trust would publish its 14 disadvantaged pupils, and school b its 12: 14 − 12 = a's 2.
    expect(groupsOf(supportTakeUpReport(trust, 'pupils', P)).DISADVANTAGED).toMatchObject({ cohort: 14 });
    expect(groupsOf(supportTakeUpReport(b, 'pupils', P)).DISADVANTAGED).toMatchObject({ cohort: 12 });
    const joint = hiddenTakeUpOfTrust(
      trust,
      [
        { id: 'a', counts: a },
        { id: 'b', counts: b },
      ],
      P,
    );
    const of = (counts: typeof a, hidden: ReadonlyMap<string, Suppression> | undefined) =>
      groupsOf(supportTakeUpReport(counts, 'pupils', P, hidden ?? new Map()));
    // Together: b's 12 are hidden beside a's 2 (14 pupils, 7 accessing support and 7 not between them), and
    // with them each school's other group; the trust keeps its figures, the sum of two hidden ones.
    expect(of(a, joint.parts.get('a')).DISADVANTAGED).toMatchObject({ suppressed: true, code: 'c' });
    expect(of(b, joint.parts.get('b')).DISADVANTAGED).toMatchObject({ suppressed: true, code: 'c' });
    expect(of(b, joint.parts.get('b')).NOT_DISADVANTAGED).toMatchObject({ suppressed: true });
    expect(of(trust, joint.own).DISADVANTAGED).toMatchObject({ cohort: 14, suppressed: false });
    expect(of(b, joint.parts.get('b')).NONE).toMatchObject({ cohort: 52, suppressed: false });
  });

  it("hides an LA's group when its schools' hidden figures of that group, as published, are not safe together", () => {
    const la = hiddenTakeUpAbove(
      [...a, ...b],
      [
        { id: 'a', counts: a, hidden: hiddenTakeUp(a, P) },
        { id: 'b', counts: b, hidden: hiddenTakeUp(b, P) },
      ],
      P,
    );
    expect(la.get('DISADVANTAGED')).toMatchObject({ code: 'c' });
    expect(la.get('NOT_DISADVANTAGED')).toMatchObject({ code: 'c' });
    expect(la.has('NONE')).toBe(false);
  });

  it('rounds counts and shares for viewers who see aggregates only', () => {
    const report = supportTakeUpReport(
      [
        { disadvantaged: true, sen: 'NONE', eligible: 22, accessing: 13 },
        { disadvantaged: false, sen: 'NONE', eligible: 41, accessing: 17 },
      ],
      'aggregates',
      P,
    );
    expect(report).toMatchObject({ eligibleForSupport: 65, accessingSupport: 30, takeUp: { value: 0.48 } });
    const by = Object.fromEntries(report.byGroup.map((g) => [g.group, g]));
    expect(by.DISADVANTAGED).toMatchObject({ eligibleForSupport: 20, accessingSupport: 15 });
    expect(by.DISADVANTAGED?.takeUp).toMatchObject({ value: 0.59, cohort: 20 });
  });
});

describe('entitlement (b) and (c): statutory key-stage results as the baseline of a pupil who joined later', () => {
  it('measures a Year 7 joiner from their KS2 result, not from their first assessment here', () => {
    // Joined in Year 7 (2027) at 24 and gained 5 points in 5 terms: enough from their first assessment here.
    const reading = termly(7, [24, 25, 26, 27, 28, 29]);
    expect(entitlementReasons([{ subject: 'READING', history: reading }], 2028)).toEqual([]);
    // But their KS2 reading result (Year 6 summer, 2026) was 28 on the continuum: 1 point in 6 terms since.
    const ks2: PointInTime = { academicYear: 2026, term: 3, yearGroup: 6, points: 28 };
    const reasons = entitlementReasons(
      [{ subject: 'READING', history: reading, keyStageResults: [ks2] }],
      2028,
    );
    expect(reasons.map((r) => [r.code, r.description])).toEqual([
      [
        'NOT_PROGRESSING_KS2_TO_KS4',
        'Not progressing in English (reading) since the end of KS2: 1 point gained in 6 terms, the minimum is 4.5.',
      ],
    ]);
  });

  it('keeps the periodic baseline for a pupil assessed here at the end of the earlier key stage', () => {
    const reading = termly(6, [25, 26, 27, 28, 29, 30, 31, 32, 33]);
    const ks2: PointInTime = { academicYear: 2026, term: 3, yearGroup: 6, points: 40 };
    expect(
      entitlementReasons([{ subject: 'READING', history: reading, keyStageResults: [ks2] }], 2028),
    ).toEqual([]);
  });
});

describe('entitlement (a) from the KS1 outcome: the statutory teacher assessment at the end of Year 2', () => {
  // KS1 TA on the continuum (rules/scales.ts): working towards 12, expected 15, greater depth 19.
  const ks1 = (points: number): PointInTime => ({ academicYear: 2022, term: 3, yearGroup: 2, points });

  it('lists a subject working towards the expected standard, for a pupil with no periodic assessment then', () => {
    const reasons = entitlementReasons(
      [
        { subject: 'READING', history: [], keyStageResults: [ks1(12)] },
        { subject: 'WRITING', history: [], keyStageResults: [ks1(15)] },
        { subject: 'MATHS', history: [], keyStageResults: [ks1(19)] },
      ],
      2022,
    );
    expect(reasons.map((r) => [r.code, r.subject, r.description])).toEqual([
      [
        'KS1_BELOW_EXPECTED_STANDARD',
        'READING',
        'Below the expected standard in English (reading) at the end of KS1 (statutory teacher assessment): 12 points, expected 15.',
      ],
    ]);
  });

  it('adds to the periodic assessments: either below the standard is a reason, and they still flag pupils before it', () => {
    // Periodic: behind in Year 1 spring (10 < 11) and in Year 2 summer (14 < 15); the KS1 TA says expected.
    const history = termly(1, [9, 10]).concat(termly(2, [13, 14, 14]));
    expect(
      entitlementReasons([{ subject: 'MATHS', history, keyStageResults: [ks1(15)] }], 2021),
    ).toHaveLength(1);
    expect(
      entitlementReasons([{ subject: 'MATHS', history, keyStageResults: [ks1(15)] }], 2022).map(
        (r) => r.description,
      ),
    ).toEqual(['Below the expected standard in maths in Year 2: 14 points in the summer term, expected 15.']);
    // On track by the school's assessments, working towards by the statutory one: one reason, the KS1 outcome.
    const onTrack = termly(2, [13, 14, 15]);
    expect(
      entitlementReasons([{ subject: 'MATHS', history: onTrack, keyStageResults: [ks1(12)] }], 2022).map(
        (r) => r.description,
      ),
    ).toEqual([
      'Below the expected standard in maths at the end of KS1 (statutory teacher assessment): 12 points, expected 15.',
    ]);
    expect(
      entitlementReasons([{ subject: 'MATHS', history: onTrack, keyStageResults: [ks1(15)] }], 2022),
    ).toEqual([]);
  });

  it('ignores a KS2 result and another year', () => {
    const ks2: PointInTime = { academicYear: 2022, term: 3, yearGroup: 6, points: 20 };
    expect(entitlementReasons([{ subject: 'MATHS', history: [], keyStageResults: [ks2] }], 2022)).toEqual([]);
    expect(entitlementReasons([{ subject: 'MATHS', history: [], keyStageResults: [ks1(12)] }], 2023)).toEqual(
      [],
    );
  });
});

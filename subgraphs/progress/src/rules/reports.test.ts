import { DEFAULT_POLICY as P } from '@commonroom/disclosure';
import { describe, expect, it } from 'vitest';
import {
  gapTrendReport,
  groupGapReport,
  hiddenGroups,
  hiddenStuck,
  schoolProgressReport,
} from './reports.ts';

describe('school progress report', () => {
  it('computes shares and the disadvantaged gap from counts', () => {
    // 40 pupils: 10 disadvantaged (4 at expected), 30 others (21 at expected) → 0.7 − 0.4 = 0.3
    const r = schoolProgressReport(
      {
        pupils: 40,
        stuck: 5,
        stuckWithoutPlan: 1,
        onTrack: 30,
        atExpected: 25,
        progressSum: -8,
        disadvantaged: 10,
        disadvantagedAtExpected: 4,
      },
      'pupils',
      P,
    );
    expect(r.onTrack).toMatchObject({ value: 0.75, cohort: 40 });
    expect(r.averageProgress.value).toBeCloseTo(-0.2);
    expect(r.disadvantagedGap.value).toBeCloseTo(0.3);
    expect(r.disadvantagedGap.cohort).toBe(40);
  });

  it('suppresses the gap when only 3 pupils are disadvantaged', () => {
    const r = schoolProgressReport(
      {
        pupils: 40,
        stuck: 0,
        stuckWithoutPlan: 0,
        onTrack: 30,
        atExpected: 25,
        progressSum: 0,
        disadvantaged: 3,
        disadvantagedAtExpected: 1,
      },
      'pupils',
      P,
    );
    expect(r.disadvantagedGap).toMatchObject({ value: null, suppressed: true });
    expect(r.onTrack.suppressed).toBe(false);
  });
});

describe('group gaps and trend', () => {
  it('compares each group with all the others', () => {
    const groups = [
      { group: 'A', n: 10, atExpected: 5, progressSum: 0, stuck: 1 },
      { group: 'B', n: 20, atExpected: 16, progressSum: 4, stuck: 2 },
      { group: 'C', n: 3, atExpected: 3, progressSum: 0, stuck: 0 },
    ];
    const [a, b, c] = groupGapReport(groups, new Map(), 'pupils', P);
    // A: rest = 23 pupils, 19 at expected → 19/23 − 0.5
    expect(a?.attainmentGap.value).toBeCloseTo(19 / 23 - 0.5);
    expect(b?.stuckRate.value).toBeCloseTo(0.1);
    expect(c?.attainment.suppressed).toBe(true);
    expect(c?.attainmentGap.suppressed).toBe(true);
  });

  it('turns mean scaled ranks into the 0–10 index', () => {
    const [y] = gapTrendReport(
      [
        {
          academicYear: 2025,
          focus: 10,
          rest: 30,
          focusAtExpected: 4,
          restAtExpected: 21,
          focusRank: 0.3,
          restRank: 0.55,
        },
      ],
      new Map(),
      ['F'],
      'pupils',
      P,
    );
    expect(y?.gap.value).toBeCloseTo(0.3);
    expect(y?.gapIndex.value).toBeCloseTo(5);
    const [small] = gapTrendReport(
      [
        {
          academicYear: 2025,
          focus: 2,
          rest: 30,
          focusAtExpected: 1,
          restAtExpected: 21,
          focusRank: 0.3,
          restRank: 0.55,
        },
      ],
      new Map(),
      ['F'],
      'pupils',
      P,
    );
    expect(small?.gap.suppressed).toBe(true);
    expect(small?.gapIndex.suppressed).toBe(true);
  });
});

describe('disclosure control in the reports', () => {
  const looked = [
    { group: 'LOOKED_AFTER', n: 2, atExpected: 1, progressSum: -0.5, stuck: 0 },
    { group: 'NOT_LOOKED_AFTER', n: 262, atExpected: 153, progressSum: 10, stuck: 30 },
  ];

  it('hides the complement of a small group, so subtraction from the total gives nothing (120181)', () => {
    const hidden = hiddenGroups(looked, [], P);
    const [la, nla] = groupGapReport(looked, hidden, 'pupils', P);
    for (const m of [
      la?.attainment,
      la?.progress,
      la?.stuckRate,
      nla?.attainment,
      nla?.progress,
      nla?.attainmentGap,
    ])
      expect(m).toMatchObject({ value: null, cohort: null, suppressed: true, code: 'c' });
    // The same reason as the small group's: it must not tell which of the two is the small one.
    expect(nla?.attainment.reason).toBe(la?.attainment.reason);
  });

  it('hides the trend year whose gaps hide the rest, and rounds for aggregate-only viewers', () => {
    const year = {
      academicYear: 2025,
      focus: 2,
      rest: 262,
      focusAtExpected: 1,
      restAtExpected: 153,
      focusRank: 0.4,
      restRank: 0.5,
    };
    const byYear = new Map([[2025, { groups: looked, hidden: hiddenGroups(looked, [], P) }]]);
    const [t] = gapTrendReport(
      [{ ...year, focus: 20, focusAtExpected: 5 }],
      byYear,
      ['LOOKED_AFTER'],
      'pupils',
      P,
    );
    expect(t?.gap).toMatchObject({ suppressed: true, code: 'c' });
    const [open] = gapTrendReport(
      [{ ...year, focus: 20, focusAtExpected: 5 }],
      new Map(),
      ['LOOKED_AFTER'],
      'aggregates',
      P,
    );
    expect(open?.gap).toMatchObject({ value: 0.33, cohort: 280, suppressed: false });
    expect(open?.gapIndex.value).toBe(2);
  });

  it("hides a trust's group when one school's hidden group would be its total minus the other schools'", () => {
    const school = (n: number, nn: number) => [
      { group: 'LOOKED_AFTER', n, atExpected: Math.floor(n / 2), progressSum: 0, stuck: 0 },
      { group: 'NOT_LOOKED_AFTER', n: nn, atExpected: Math.floor(nn / 2), progressSum: 0, stuck: 10 },
    ];
    const s1 = school(2, 200);
    const s2 = school(12, 300);
    const trust = [
      { group: 'LOOKED_AFTER', n: 14, atExpected: 7, progressSum: 0, stuck: 0 },
      { group: 'NOT_LOOKED_AFTER', n: 500, atExpected: 250, progressSum: 0, stuck: 20 },
    ];
    const hidden = hiddenGroups(
      trust,
      [
        { id: '1', groups: s1 },
        { id: '2', groups: s2 },
      ],
      P,
    );
    expect(Object.fromEntries([...hidden].map(([k, v]) => [k, v.kind]))).toEqual({
      LOOKED_AFTER: 'total',
      // The first school's NOT_LOOKED_AFTER is hidden too, and is the trust's minus the second's: hidden as well.
      NOT_LOOKED_AFTER: 'total',
    });
  });

  it('stuck rates for aggregate-only viewers: a 0.00 over a group is hidden with a neighbour, the group stays', () => {
    const sex = [
      { group: 'FEMALE', n: 40, atExpected: 20, progressSum: 0, stuck: 0 },
      { group: 'MALE', n: 40, atExpected: 20, progressSum: 0, stuck: 9 },
    ];
    const hidden = hiddenGroups(sex, [], P);
    const stuckHidden = hiddenStuck(sex, hidden, [], P);
    const [female, male] = groupGapReport(sex, hidden, 'aggregates', P, stuckHidden);
    for (const g of [female, male]) {
      expect(g?.attainment).toMatchObject({ value: 0.5, cohort: 40, suppressed: false });
      expect(g?.stuckRate).toMatchObject({ value: null, cohort: null, suppressed: true, code: 'c' });
    }
    // Staff (exact figures) are not given the map: their stuck rates are shown.
    expect(groupGapReport(sex, hidden, 'pupils', P)[0]?.stuckRate).toMatchObject({ value: 0, cohort: 40 });
  });

  it('school counts: exact for staff, rounded (1..5 hidden) for aggregate-only viewers', () => {
    const c = {
      pupils: 264,
      stuck: 33,
      stuckWithoutPlan: 3,
      onTrack: 100,
      atExpected: 154,
      progressSum: -20,
      disadvantaged: 60,
      disadvantagedAtExpected: 20,
    };
    expect(schoolProgressReport(c, 'pupils', P)).toMatchObject({
      pupils: 264,
      stuckPupils: 33,
      stuckWithoutPlan: 3,
    });
    const r = schoolProgressReport(c, 'aggregates', P);
    expect(r).toMatchObject({ pupils: 265, stuckPupils: 35, stuckWithoutPlan: null });
    // No pupil stuck: null for aggregate-only viewers (0 would say so of every group), 0 for staff.
    const none = { ...c, stuck: 0, stuckWithoutPlan: 0 };
    expect(schoolProgressReport(none, 'aggregates', P)).toMatchObject({
      stuckPupils: null,
      stuckWithoutPlan: null,
    });
    expect(schoolProgressReport(none, 'pupils', P)).toMatchObject({ stuckPupils: 0, stuckWithoutPlan: 0 });
    expect(r.expectedStandard).toMatchObject({ value: 0.58, cohort: 265 });
  });
});

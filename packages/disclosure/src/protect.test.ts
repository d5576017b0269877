import { describe, expect, it } from 'vitest';
import { figure, publishCount, publishValue } from './figures.ts';
import { DEFAULT_POLICY as P, policyWithThreshold } from './policy.ts';
import { type Cell, hiddenTogetherAreSafe, protect, protectCounts, protectTogether } from './protect.ts';

const kinds = (m: Map<string, { kind: string }>) => Object.fromEntries([...m].map(([k, v]) => [k, v.kind]));

describe('primary and secondary suppression', () => {
  it('hides 1..threshold and, in a two-group set, the complement (the 120181 looked-after reproduction)', () => {
    const cells: Cell[] = [
      { key: 'LOOKED_AFTER', n: 2, attributes: [1] },
      { key: 'NOT_LOOKED_AFTER', n: 262, attributes: [153] },
    ];
    const hidden = protect(cells, [{ members: ['LOOKED_AFTER', 'NOT_LOOKED_AFTER'] }], P);
    expect(kinds(hidden)).toEqual({ LOOKED_AFTER: 'primary', NOT_LOOKED_AFTER: 'secondary' });
  });

  it('hides the next smallest until the hidden groups hold threshold + k pupils, >= threshold with and without the attribute', () => {
    const cells: Cell[] = [
      { key: 'NONE', n: 200, attributes: [150] },
      { key: 'SEN_SUPPORT', n: 9, attributes: [1] },
      { key: 'EHC_PLAN', n: 1, attributes: [0] },
    ];
    // EHC 1 + SEN_SUPPORT 9: 10 pupils but only 1 at expected, so NONE is hidden as well.
    const hidden = protect(cells, [{ members: ['NONE', 'SEN_SUPPORT', 'EHC_PLAN'] }], P);
    expect(kinds(hidden)).toEqual({ EHC_PLAN: 'primary', SEN_SUPPORT: 'secondary', NONE: 'secondary' });
    const enough = protect(
      [
        { key: 'A', n: 200, attributes: [150] },
        { key: 'B', n: 30, attributes: [10] },
        { key: 'C', n: 1, attributes: [0] },
      ],
      [{ members: ['A', 'B', 'C'] }],
      P,
    );
    expect(kinds(enough)).toEqual({ C: 'primary', B: 'secondary' });
  });

  it('is deterministic: ties go to the first key, whatever the input order', () => {
    const cells: Cell[] = [
      { key: 'WHITE', n: 100 },
      { key: 'ASIAN', n: 20 },
      { key: 'BLACK', n: 20 },
      { key: 'MIXED', n: 3 },
    ];
    const sets = [{ members: cells.map((c) => c.key) }];
    const a = protect(cells, sets, P);
    const b = protect([...cells].reverse(), sets, P);
    expect(kinds(a)).toEqual({ MIXED: 'primary', ASIAN: 'secondary' });
    expect(kinds(b)).toEqual(kinds(a));
  });

  it('two small groups alone are not enough: 1 + 2 pupils pin each other down, so a third is hidden', () => {
    const cells: Cell[] = [
      { key: 'A', n: 1 },
      { key: 'B', n: 2 },
      { key: 'C', n: 50 },
      { key: 'D', n: 60 },
    ];
    expect(kinds(protect(cells, [{ members: ['A', 'B', 'C', 'D'] }], P))).toEqual({
      A: 'primary',
      B: 'primary',
      C: 'secondary',
    });
  });

  it('hides a total when the hidden parts under it are not safe and cannot be changed (a trust vs its schools)', () => {
    const cells: Cell[] = [
      { key: 'trust:LA', n: 14 },
      { key: 'trust:NLA', n: 900 },
      { key: 's1:LA', n: 2, fixed: { code: 'c', kind: 'primary' } },
      { key: 's2:LA', n: 12, fixed: null },
    ];
    const hidden = protect(
      cells,
      [{ members: ['trust:LA', 'trust:NLA'] }, { members: ['s1:LA', 's2:LA'], total: 'trust:LA' }],
      P,
    );
    expect(kinds(hidden)).toEqual({ 's1:LA': 'primary', 'trust:LA': 'total', 'trust:NLA': 'secondary' });
  });

  it('leaves a total alone when its hidden parts are safe together', () => {
    const cells: Cell[] = [
      { key: 'T', n: 40 },
      { key: 'a', n: 2, fixed: { code: 'c', kind: 'primary' } },
      { key: 'b', n: 9, fixed: { code: 'c', kind: 'secondary' } },
      { key: 'c', n: 29, fixed: null },
    ];
    expect(protect(cells, [{ members: ['a', 'b', 'c'], total: 'T' }], P).has('T')).toBe(false);
  });

  it('follows the threshold setting', () => {
    const cells: Cell[] = [
      { key: 'A', n: 8 },
      { key: 'B', n: 100 },
    ];
    expect(protect(cells, [{ members: ['A', 'B'] }], P).size).toBe(0);
    expect(kinds(protect(cells, [{ members: ['A', 'B'] }], policyWithThreshold(10)))).toEqual({
      A: 'primary',
      B: 'secondary',
    });
  });

  it('judges hidden groups together', () => {
    expect(hiddenTogetherAreSafe([], P)).toBe(true);
    expect(hiddenTogetherAreSafe([{ key: 'a', n: 30 }], P)).toBe(false);
    expect(
      hiddenTogetherAreSafe(
        [
          { key: 'a', n: 2 },
          { key: 'b', n: 4 },
        ],
        P,
      ),
    ).toBe(false);
    expect(
      hiddenTogetherAreSafe(
        [
          { key: 'a', n: 2 },
          { key: 'b', n: 5 },
        ],
        P,
      ),
    ).toBe(true);
  });
});

describe('an aggregate decided together with its parts (a trust and its schools)', () => {
  const two = [{ members: ['D', 'O'] }];
  const school = (d: number, o: number): Cell[] => [
    { key: 'D', n: d, attributes: [Math.floor(d / 2)] },
    { key: 'O', n: o, attributes: [Math.floor(o / 2)] },
  ];
  /** Schools a (30 others) and b (40 others), with `da` and `db` disadvantaged pupils. */
  const schools = (da: number, db: number) => [
    { id: 'a', cells: school(da, 30), sets: two },
    { id: 'b', cells: school(db, 40), sets: two },
  ];

  it("hides a second school's group beside the first, and keeps the trust's figure", () => {
    const joint = protectTogether(school(14, 70), two, schools(2, 12), P);
    expect(kinds(joint.parts.get('a') ?? new Map())).toEqual({ D: 'primary', O: 'secondary' });
    expect([...(joint.parts.get('b')?.keys() ?? [])].sort()).toEqual(['D', 'O']);
    expect(joint.own.size).toBe(0);
  });

  it("hides the trust's figure only when every school's figure of that group is hidden and still not safe", () => {
    const joint = protectTogether(school(4, 70), two, schools(2, 2), P);
    expect(joint.own.has('D')).toBe(true);
    expect(joint.own.has('O')).toBe(true);
  });

  it('protects "the rest" of a set of three: the rest of each school\'s set is a figure under the trust\'s', () => {
    const three = [{ members: ['A', 'B', 'C'] }];
    const s = (a: number, ax: number, b: number, bx: number, c: number, cx: number): Cell[] => [
      { key: 'A', n: a, attributes: [ax] },
      { key: 'B', n: b, attributes: [bx] },
      { key: 'C', n: c, attributes: [cx] },
    ];
    const parts = [
      { id: 'a', cells: s(26, 20, 2, 1, 3, 1), sets: three },
      { id: 'b', cells: s(23, 17, 12, 6, 2, 0), sets: three },
      { id: 'c', cells: s(25, 12, 2, 0, 3, 0), sets: three },
    ];
    // a and c hide everything; b hides B and C and shows A, so b's B + C is its whole minus A. The trust's
    // B + C (its whole minus its A) minus b's gives a's and c's B + C together: 10 pupils, 2 with the
    // attribute, so each school's B + C (and with it its A, from its whole) to within 3 values. b's A is hidden.
    const joint = protectTogether(s(74, 49, 16, 7, 8, 1), three, parts, P);
    expect(joint.parts.get('b')?.has('A')).toBe(true);
    expect(joint.own.has('A')).toBe(false);
  });

  it('applies `extra` until nothing changes, and is the same whatever the order of the parts', () => {
    const parts = [
      { id: 'a', cells: school(2, 30), sets: two },
      { id: 'b', cells: school(12, 40), sets: two },
      { id: 'c', cells: school(25, 40), sets: two },
    ];
    const own: Cell[] = [
      { key: 'D', n: 39, attributes: [19] },
      { key: 'O', n: 110, attributes: [55] },
    ];
    const a = protectTogether(own, two, parts, P);
    const b = protectTogether(own, two, [...parts].reverse(), P);
    expect([...b.parts].sort()).toEqual([...a.parts].sort());
    const everything = protectTogether(own, two, parts, P, (h) =>
      h.has('D') ? new Map([['O', { code: 'c', kind: 'secondary' } as const]]) : new Map(),
    );
    expect(everything.parts.get('b')?.has('O')).toBe(true);
  });
});

describe('a counted attribute as figures of its own (stuck rates, for aggregate-only readers)', () => {
  const set = (keys: string[]) => [{ members: keys }];
  it('hides a count of 0 or 1..threshold (or as few without it), then its neighbours until 5 with and 5 without are hidden', () => {
    // 142544's reading: nobody stuck among the no-SEN pupils, so a shown 0.00 would say so of each of them.
    const hidden = protectCounts(
      {
        cells: [
          { key: 'NONE', n: 40, count: 0 },
          { key: 'SEN_SUPPORT', n: 30, count: 7 },
          { key: 'EHC_PLAN', n: 2, count: 1 },
        ],
        hidden: new Map([['EHC_PLAN', { code: 'c', kind: 'primary' } as const]]),
      },
      set(['NONE', 'SEN_SUPPORT', 'EHC_PLAN']),
      [],
      P,
    );
    expect(kinds(hidden)).toEqual({ EHC_PLAN: 'primary', NONE: 'primary', SEN_SUPPORT: 'secondary' });
    // Enough stuck on both sides: nothing hidden.
    const shown = protectCounts(
      {
        cells: [
          { key: 'MALE', n: 60, count: 8 },
          { key: 'FEMALE', n: 55, count: 6 },
        ],
        hidden: new Map(),
      },
      set(['MALE', 'FEMALE']),
      [],
      P,
    );
    expect(kinds(shown)).toEqual({});
  });

  it('0 is shown when the policy says a zero is not small', () => {
    const cells = [
      { key: 'MALE', n: 60, count: 0 },
      { key: 'FEMALE', n: 55, count: 0 },
    ];
    const t = { cells, hidden: new Map() };
    expect(kinds(protectCounts(t, set(['MALE', 'FEMALE']), [], P))).toEqual({
      FEMALE: 'primary',
      MALE: 'primary',
    });
    expect(
      kinds(protectCounts(t, set(['MALE', 'FEMALE']), [], { ...P, attributeZeroIsSmall: false })),
    ).toEqual({});
  });

  it("hides an LA's count when its schools' hidden counts of that group are not safe together", () => {
    const school = (id: string, count: number) => ({
      id,
      cells: [
        { key: 'D', n: 20, count },
        { key: 'O', n: 80, count: 10 },
      ],
      hidden: new Map(),
      sets: set(['D', 'O']),
    });
    const la = (d: number) => ({
      cells: [
        { key: 'D', n: 40, count: d },
        { key: 'O', n: 160, count: 20 },
      ],
      hidden: new Map(),
    });
    // School A's 2 stuck disadvantaged pupils hidden (and so its others), B's shown: the LA's D would give
    // A's 2, and its O A's 10 — both hidden.
    expect(kinds(protectCounts(la(10), set(['D', 'O']), [school('A', 2), school('B', 8)], P))).toEqual({
      D: 'total',
      O: 'total',
    });
    expect(kinds(protectCounts(la(14), set(['D', 'O']), [school('A', 6), school('B', 8)], P))).toEqual({});
  });
});

describe('publishing', () => {
  it('rounds counts to the nearest 5 and hides 1..5 for aggregate-only viewers; exact for pupil-level viewers', () => {
    expect([0, 3, 6, 7, 8, 262, 264].map((n) => publishCount(n, 'aggregates', P))).toEqual([
      0,
      null,
      5,
      5,
      10,
      260,
      265,
    ]);
    expect(publishCount(262, 'pupils', P)).toBe(262);
    expect(publishValue(0.58397, 'share', 'aggregates', P)).toBe(0.58);
    expect(publishValue(-0.25, 'mean', 'aggregates', P)).toBe(-0.3);
    expect(publishValue(0.58397, 'share', 'pupils', P)).toBe(0.58397);
  });

  it('a figure says why it is hidden, with the DfE code c', () => {
    const m = figure(0.5, 2, 'share', { code: 'c', kind: 'primary' }, 'pupils', P);
    expect(m).toMatchObject({ value: null, cohort: null, suppressed: true, code: 'c' });
    expect(m.reason).toMatch(/^c: withheld to protect confidentiality/);
    // Every kind gives the same reason: telling which hidden group is the small one would bound it to 1..5.
    for (const kind of ['secondary', 'total'] as const)
      expect(figure(0.5, 262, 'share', { code: 'c', kind }, 'pupils', P).reason).toBe(m.reason);
    expect(figure(null, 0, 'share', undefined, 'pupils', P)).toMatchObject({ cohort: 0, suppressed: false });
    expect(figure(0.58397, 262, 'share', undefined, 'aggregates', P)).toMatchObject({
      value: 0.58,
      cohort: 260,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { figure, publishCount, publishValue } from './figures.ts';
import { DEFAULT_POLICY as P, policyWithThreshold } from './policy.ts';
import { type Cell, hiddenTogetherAreSafe, protect } from './protect.ts';

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

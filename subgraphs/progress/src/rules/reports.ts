import {
  type Audience,
  type Cell,
  type DisclosurePolicy,
  figure,
  type Measure,
  primaryOnly,
  protect,
  protectAbove,
  protectCounts,
  publishAttributeCount,
  publishCount,
  type SumSet,
  type Suppression,
  suppressedMeasure,
} from '@commonroom/disclosure';

/**
 * The progress reports as Measures. Which figures are hidden is decided by `@commonroom/disclosure` (see
 * docs/disclosure-control.md): primary suppression of small groups, secondary suppression within each
 * dimension and between a trust or LA and its schools, rounding for aggregate-only viewers.
 */

/** Counts for one school and year (see data/summaries.ts schoolProgress). */
export interface SchoolCounts {
  pupils: number;
  stuck: number;
  stuckWithoutPlan: number;
  onTrack: number;
  atExpected: number;
  progressSum: number;
  disadvantaged: number;
  disadvantagedAtExpected: number;
}

const NO_GROUP: Measure = {
  value: null,
  cohort: null,
  suppressed: false,
  reason: 'One of the groups has no pupils.',
  code: null,
};

/** A school's progress numbers as Measures and counts, as the audience may see them. */
export function schoolProgressReport(c: SchoolCounts, audience: Audience, policy: DisclosurePolicy) {
  const others = c.pupils - c.disadvantaged;
  const othersAtExpected = c.atExpected - c.disadvantagedAtExpected;
  // The disadvantaged and the others add up to the school's pupils: one set.
  const hidden = protect(
    [
      { key: 'D', n: c.disadvantaged, attributes: [c.disadvantagedAtExpected] },
      { key: 'O', n: others, attributes: [othersAtExpected] },
    ],
    [{ members: ['D', 'O'] }],
    policy,
  );
  const side = hidden.get('D') ?? hidden.get('O');
  let disadvantagedGap: Measure;
  if (side) disadvantagedGap = suppressedMeasure(side, policy);
  else if (others === 0 || c.disadvantaged === 0)
    disadvantagedGap = { ...NO_GROUP, cohort: publishCount(c.pupils, audience, policy) };
  else
    disadvantagedGap = figure(
      othersAtExpected / others - c.disadvantagedAtExpected / c.disadvantaged,
      c.pupils,
      'share',
      undefined,
      audience,
      policy,
    );
  return {
    pupils: publishCount(c.pupils, audience, policy),
    stuckPupils: publishAttributeCount(c.stuck, audience, policy),
    stuckWithoutPlan: publishAttributeCount(c.stuckWithoutPlan, audience, policy),
    onTrack: figure(c.pupils ? c.onTrack / c.pupils : null, c.pupils, 'share', undefined, audience, policy),
    expectedStandard: figure(
      c.pupils ? c.atExpected / c.pupils : null,
      c.pupils,
      'share',
      undefined,
      audience,
      policy,
    ),
    averageProgress: figure(
      c.pupils ? c.progressSum / c.pupils : null,
      c.pupils,
      'mean',
      undefined,
      audience,
      policy,
    ),
    disadvantagedGap,
  };
}

export interface GroupCounts {
  group: string;
  n: number;
  atExpected: number;
  progressSum: number;
  stuck: number;
}

export interface GroupGapReport {
  group: string;
  attainment: Measure;
  progress: Measure;
  stuckRate: Measure;
  attainmentGap: Measure;
}

const cellOf = (g: GroupCounts): Cell => ({ key: g.group, n: g.n, attributes: [g.atExpected, g.stuck] });

/**
 * Which groups of a dimension are hidden, for a school (no `children`) or for a trust or LA given each of
 * its schools' groups. A school: primary, then secondary within the dimension (its groups add up to the
 * cohort every other dimension shows). A trust or LA: its schools' own decisions stand; for each group, the
 * schools' hidden figures must be safe together under the trust's or LA's figure for that group, else that
 * figure is hidden (and then secondary suppression within the trust's or LA's dimension follows).
 */
export function hiddenGroups(
  own: readonly GroupCounts[],
  children: readonly { id: string; groups: readonly GroupCounts[] }[],
  policy: DisclosurePolicy,
): Map<string, Suppression> {
  const sets: SumSet[] = [{ members: own.map((g) => g.group) }];
  if (children.length === 0) return protect(own.map(cellOf), sets, policy);
  const parts = children.map(({ id, groups }) => ({
    id,
    cells: groups.map(cellOf),
    hidden: hiddenGroups(groups, [], policy),
  }));
  return protectAbove(own.map(cellOf), sets, parts, policy);
}

/**
 * Which groups' stuck rates are hidden from readers who see aggregates only: the stuck count as a figure of
 * its own (`protectCounts`), for a school alone or for a trust or LA against its schools. Stuck pupils are
 * few, so rounding does not hide them: a rate of 0.00 over fewer than 200 pupils is exactly 0.
 */
export function hiddenStuck(
  own: readonly GroupCounts[],
  hidden: ReadonlyMap<string, Suppression>,
  children: readonly { id: string; groups: readonly GroupCounts[] }[],
  policy: DisclosurePolicy,
): Map<string, Suppression> {
  const table = (groups: readonly GroupCounts[]) => ({
    cells: groups.map((g) => ({ key: g.group, n: g.n, count: g.stuck })),
    sets: [{ members: groups.map((g) => g.group) }],
  });
  const { cells, sets } = table(own);
  return protectCounts(
    { cells, hidden },
    sets,
    children.map(({ id, groups }) => ({ id, ...table(groups), hidden: hiddenGroups(groups, [], policy) })),
    policy,
  );
}

/**
 * Each group's results and its attainment gap to everyone else, in the order given. `stuckHidden`: groups
 * whose stuck rate alone is hidden as well (for readers who see aggregates only, from `hiddenStuck`).
 */
export function groupGapReport(
  groups: readonly GroupCounts[],
  hidden: ReadonlyMap<string, Suppression>,
  audience: Audience,
  policy: DisclosurePolicy,
  stuckHidden: ReadonlyMap<string, Suppression> = new Map(),
): GroupGapReport[] {
  const total = groups.reduce((a, g) => a + g.n, 0);
  const totalAtExpected = groups.reduce((a, g) => a + g.atExpected, 0);
  return groups.map((g) => {
    const h = hidden.get(g.group) ?? primaryOnly(g.n, policy);
    const rest = total - g.n;
    let attainmentGap: Measure;
    if (h) attainmentGap = suppressedMeasure(h, policy);
    else if (g.n > 0 && rest > 0 && rest <= policy.threshold)
      attainmentGap = suppressedMeasure({ code: 'c', kind: 'secondary' }, policy);
    else if (g.n === 0 || rest === 0)
      attainmentGap = { ...NO_GROUP, cohort: publishCount(total, audience, policy) };
    else
      attainmentGap = figure(
        (totalAtExpected - g.atExpected) / rest - g.atExpected / g.n,
        total,
        'share',
        undefined,
        audience,
        policy,
      );
    return {
      group: g.group,
      attainment: figure(g.n ? g.atExpected / g.n : null, g.n, 'share', h, audience, policy),
      progress: figure(g.n ? g.progressSum / g.n : null, g.n, 'mean', h, audience, policy),
      stuckRate: figure(
        g.n ? g.stuck / g.n : null,
        g.n,
        'share',
        h ?? stuckHidden.get(g.group),
        audience,
        policy,
      ),
      attainmentGap,
    };
  });
}

export interface TrendCounts {
  academicYear: number;
  focus: number;
  rest: number;
  focusAtExpected: number;
  restAtExpected: number;
  /** Mean rank of each side, scaled 0–1 within year groups (see gap-index.ts). */
  focusRank: number | null;
  restRank: number | null;
}

/** A year's groups of the trend's dimension and which of them `gaps` hides. */
export interface YearGroups {
  groups: readonly GroupCounts[];
  hidden: ReadonlyMap<string, Suppression>;
  /** Groups whose stuck rate alone is hidden too (aggregate-only readers). */
  stuckHidden?: ReadonlyMap<string, Suppression>;
}

const NO_FOCUS_GROUP = 'This dimension has more than two groups, so no single gap: see gaps.';

/**
 * The gap and DfE gap index per year. Hidden when either side is small, and whenever `gaps` for that year
 * hides any group of the "rest" side (so the trend cannot be set against the year's gaps to undo it).
 */
export function gapTrendReport(
  years: readonly TrendCounts[],
  groupsByYear: ReadonlyMap<number, YearGroups>,
  focusGroups: readonly string[] | null,
  audience: Audience,
  policy: DisclosurePolicy,
) {
  return years.map((y) => {
    if (!focusGroups) {
      const none: Measure = {
        value: null,
        cohort: null,
        suppressed: false,
        reason: NO_FOCUS_GROUP,
        code: null,
      };
      return { academicYear: y.academicYear, gap: none, gapIndex: none };
    }
    const year = groupsByYear.get(y.academicYear);
    const restHidden = year?.groups.find(
      (g) => g.n > 0 && !focusGroups.includes(g.group) && year.hidden.has(g.group),
    );
    const small = [y.focus, y.rest].some((n) => n >= 1 && n <= policy.threshold);
    const hidden: Suppression | undefined = small
      ? { code: 'c', kind: 'primary' }
      : restHidden
        ? year?.hidden.get(restHidden.group)
        : undefined;
    const cohort = y.focus + y.rest;
    if (hidden) {
      const m = suppressedMeasure(hidden, policy);
      return { academicYear: y.academicYear, gap: m, gapIndex: m };
    }
    if (y.focus === 0 || y.rest === 0) {
      const m = { ...NO_GROUP, cohort: publishCount(cohort, audience, policy) };
      return { academicYear: y.academicYear, gap: m, gapIndex: m };
    }
    const gap = figure(
      y.restAtExpected / y.rest - y.focusAtExpected / y.focus,
      cohort,
      'share',
      undefined,
      audience,
      policy,
    );
    const index = y.restRank === null || y.focusRank === null ? null : 20 * y.restRank - 20 * y.focusRank;
    return {
      academicYear: y.academicYear,
      gap,
      gapIndex: figure(index, cohort, 'mean', undefined, audience, policy),
    };
  });
}

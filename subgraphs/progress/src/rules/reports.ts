import { gapMeasure, type Measure, measure, shareMeasure } from './measure.ts';

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

/** A school's progress numbers as Measures, small cohorts suppressed. */
export function schoolProgressReport(c: SchoolCounts, threshold: number) {
  const others = c.pupils - c.disadvantaged;
  return {
    pupils: c.pupils,
    stuckPupils: c.stuck,
    stuckWithoutPlan: c.stuckWithoutPlan,
    onTrack: shareMeasure(c.onTrack, c.pupils, threshold),
    expectedStandard: shareMeasure(c.atExpected, c.pupils, threshold),
    averageProgress: measure(c.pupils ? c.progressSum / c.pupils : null, c.pupils, threshold),
    disadvantagedGap: gapMeasure(
      { value: others ? (c.atExpected - c.disadvantagedAtExpected) / others : null, cohort: others },
      {
        value: c.disadvantaged ? c.disadvantagedAtExpected / c.disadvantaged : null,
        cohort: c.disadvantaged,
      },
      threshold,
    ),
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

/** Each group's results and its attainment gap to everyone else, in the order given. */
export function groupGapReport(groups: readonly GroupCounts[], threshold: number): GroupGapReport[] {
  const total = groups.reduce((a, g) => a + g.n, 0);
  const totalAtExpected = groups.reduce((a, g) => a + g.atExpected, 0);
  return groups.map((g) => {
    const rest = total - g.n;
    return {
      group: g.group,
      attainment: shareMeasure(g.atExpected, g.n, threshold),
      progress: measure(g.n ? g.progressSum / g.n : null, g.n, threshold),
      stuckRate: shareMeasure(g.stuck, g.n, threshold),
      attainmentGap: gapMeasure(
        { value: rest ? (totalAtExpected - g.atExpected) / rest : null, cohort: rest },
        { value: g.n ? g.atExpected / g.n : null, cohort: g.n },
        threshold,
      ),
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

const NO_FOCUS_GROUP = 'This dimension has more than two groups, so no single gap: see gaps.';

/** The gap and DfE gap index per year; both suppressed when either side is small. */
export function gapTrendReport(years: readonly TrendCounts[], threshold: number, hasFocusGroup = true) {
  return years.map((y) => {
    if (!hasFocusGroup) {
      const none: Measure = { value: null, cohort: null, suppressed: false, reason: NO_FOCUS_GROUP };
      return { academicYear: y.academicYear, gap: none, gapIndex: none };
    }
    const rest = { value: y.rest ? y.restAtExpected / y.rest : null, cohort: y.rest };
    const focus = { value: y.focus ? y.focusAtExpected / y.focus : null, cohort: y.focus };
    const gap = gapMeasure(rest, focus, threshold);
    const index = gapMeasure(
      { value: y.restRank === null ? null : 20 * y.restRank, cohort: y.rest },
      { value: y.focusRank === null ? null : 20 * y.focusRank, cohort: y.focus },
      threshold,
    );
    return { academicYear: y.academicYear, gap, gapIndex: index };
  });
}

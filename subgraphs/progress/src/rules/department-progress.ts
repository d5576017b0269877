import {
  type Audience,
  type DisclosurePolicy,
  figure,
  type Measure,
  primaryOnly,
  publishCount,
  publishValue,
} from '@commonroom/disclosure';
import { academicTermOf } from './dates.ts';

/**
 * A receiving department's progress before and during a consultancy engagement (a `ConsultancyEngagement` in
 * the practice subgraph): the mean progress against expected of the receiving school's pupils in the
 * department's subject, in the academic year before the engagement began and in the years it ran.
 *
 * - Progress is each pupil's result for a year as in `pupil_results` (rules/progress.ts): points gained over the
 *   year minus the trust's expected gain (0 = as expected), the figure `School.progress.averageProgress` means.
 * - The department's subject maps onto the periodic subjects: maths is MATHS; English is reading and writing
 *   together (a pupil's mean of the two, counted only with both), as for cohorts' impact; READING and WRITING
 *   stand for themselves. Science and any other subject have no periodic assessments, so nothing is measured.
 * - Windows: `before` is the academic year before the one the engagement began in; `during` the years from
 *   that one to the one it ended in (while it runs, to the latest year with results); `after` the year after
 *   it ended. A window's value is the mean over its pupils' years, rounded to 2 places; its cohort is the
 *   number of pupils.
 * - `change` is during minus before. Through the disclosure-control rules (docs/disclosure-control.md): every
 *   window is suppressed at 1 to the threshold pupils (code `c`), and the change when either side is, so a
 *   hidden figure cannot be worked back; viewers who see aggregates only (not the school's staff or its
 *   trust's leaders) see means to 1 decimal and pupils rounded to the nearest 5. A window is the department's
 *   whole subject cohort, not a group with a published complement, so no secondary suppression applies.
 */
export type PeriodicSubject = 'READING' | 'WRITING' | 'MATHS';
export type MeasuredSubject = 'MATHS' | 'ENGLISH' | 'READING' | 'WRITING';

/** The periodic subjects each measured subject is the mean of. */
export const DEPARTMENT_SUBJECTS: Record<MeasuredSubject, readonly PeriodicSubject[]> = {
  MATHS: ['MATHS'],
  ENGLISH: ['READING', 'WRITING'],
  READING: ['READING'],
  WRITING: ['WRITING'],
};

const ALIASES: Record<string, MeasuredSubject> = {
  MATHS: 'MATHS',
  MATHEMATICS: 'MATHS',
  MATH: 'MATHS',
  ENGLISH: 'ENGLISH',
  READING: 'READING',
  WRITING: 'WRITING',
};

/** The measured subject for a department's subject (any case, e.g. `maths`, `Mathematics`); null if none. */
export function measuredSubjectOf(departmentSubject: string): MeasuredSubject | null {
  return (
    ALIASES[
      departmentSubject
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_')
    ] ?? null
  );
}

export const notMeasurableReason = (subject: string) =>
  `${subject} has no periodic assessments here (only reading, writing and maths are assessed termly), so there is no progress to measure.`;

/** One pupil's progress against expected in one academic year, by periodic subject. */
export interface PupilYearProgress {
  pupilId: string;
  academicYear: number;
  progress: Partial<Record<PeriodicSubject, number>>;
}

export interface Engagement {
  subject: string;
  /** ISO dates. */
  startedOn: string;
  endedOn: string | null;
}

export interface DepartmentProgressChange {
  subject: MeasuredSubject | null;
  reason: string | null;
  beforeYear: number;
  before: Measure;
  duringYears: number[];
  during: Measure;
  afterYear: number | null;
  after: Measure;
  change: Measure;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The academic years to load for an engagement: from the year before it to the year after it (or on). */
export function yearsToLoad(engagement: Engagement): { from: number; to: number | null } {
  const start = academicTermOf(engagement.startedOn).academicYear;
  const end = engagement.endedOn ? academicTermOf(engagement.endedOn).academicYear : null;
  return { from: start - 1, to: end === null ? null : end + 1 };
}

function windowMeasure(
  rows: readonly PupilYearProgress[],
  years: readonly number[],
  subjects: readonly PeriodicSubject[],
  audience: Audience,
  policy: DisclosurePolicy,
): Measure {
  const pupils = new Set<string>();
  let sum = 0;
  let n = 0;
  for (const r of rows) {
    if (!years.includes(r.academicYear)) continue;
    const values = subjects.map((s) => r.progress[s]);
    if (values.some((v) => v === undefined)) continue;
    sum += (values as number[]).reduce((a, v) => a + v, 0) / values.length;
    n += 1;
    pupils.add(r.pupilId);
  }
  const m = figure(
    n ? round2(sum / n) : null,
    pupils.size,
    'mean',
    primaryOnly(pupils.size, policy),
    audience,
    policy,
  );
  if (pupils.size === 0)
    return {
      ...m,
      reason:
        years.length === 0
          ? 'Not yet: the engagement is still running.'
          : `No results in this subject for ${years.join(', ')}.`,
    };
  return m;
}

function changeMeasure(
  during: Measure,
  before: Measure,
  exact: { during: number | null; before: number | null; pupils: number },
  audience: Audience,
  policy: DisclosurePolicy,
): Measure {
  if (during.suppressed) return during;
  if (before.suppressed) return before;
  if (exact.during === null || exact.before === null)
    return {
      value: null,
      cohort: null,
      suppressed: false,
      reason: 'No results before the engagement or during it to compare.',
      code: null,
    };
  return {
    value: publishValue(round2(exact.during - exact.before), 'mean', audience, policy),
    cohort: publishCount(exact.pupils, audience, policy),
    suppressed: false,
    reason: null,
    code: null,
  };
}

/**
 * The receiving department's progress before, during and after an engagement, from the school's pupils'
 * yearly progress (`rows`, any order; years outside the windows are ignored).
 */
export function departmentProgressChange(
  engagement: Engagement,
  rows: readonly PupilYearProgress[],
  audience: Audience,
  policy: DisclosurePolicy,
): DepartmentProgressChange {
  const start = academicTermOf(engagement.startedOn).academicYear;
  const end = engagement.endedOn ? academicTermOf(engagement.endedOn).academicYear : null;
  const latest = rows.reduce((max, r) => Math.max(max, r.academicYear), start);
  const duringTo = end ?? latest;
  const duringYears = Array.from({ length: Math.max(1, duringTo - start + 1) }, (_, i) => start + i);
  const afterYear = end === null ? null : end + 1;
  const subject = measuredSubjectOf(engagement.subject);
  if (!subject) {
    const reason = notMeasurableReason(engagement.subject);
    const none: Measure = { value: null, cohort: null, suppressed: false, reason, code: null };
    return {
      subject: null,
      reason,
      beforeYear: start - 1,
      before: none,
      duringYears,
      during: none,
      afterYear,
      after: none,
      change: none,
    };
  }
  const subjects = DEPARTMENT_SUBJECTS[subject];
  const exact = windowMeasure(rows, [start - 1], subjects, 'pupils', policy);
  const exactDuring = windowMeasure(rows, duringYears, subjects, 'pupils', policy);
  const before = windowMeasure(rows, [start - 1], subjects, audience, policy);
  const during = windowMeasure(rows, duringYears, subjects, audience, policy);
  const after = windowMeasure(rows, afterYear === null ? [] : [afterYear], subjects, audience, policy);
  return {
    subject,
    reason: null,
    beforeYear: start - 1,
    before,
    duringYears,
    during,
    afterYear,
    after,
    change: changeMeasure(
      during,
      before,
      {
        during: exactDuring.value,
        before: exact.value,
        pupils: (exactDuring.cohort ?? 0) + (exact.cohort ?? 0),
      },
      audience,
      policy,
    ),
  };
}

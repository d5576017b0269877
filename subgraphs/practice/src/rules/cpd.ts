/** One CPD activity as far as the figures need it. */
export interface CpdHours {
  hours: number;
  schoolBased: boolean;
  inTeam: boolean;
  focus: string;
}

/** Hours in total and with each feature, over some activities. */
export interface CpdTotals {
  activities: number;
  hours: number;
  schoolBasedHours: number;
  teamHours: number;
  assessmentForLearningHours: number;
}

export interface CpdFigures {
  activities: number;
  hours: number;
  teachers: number | null;
  hoursPerTeacher: number | null;
  schoolBasedShare: number | null;
  teamShare: number | null;
  assessmentForLearningShare: number | null;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

export function totalCpd(activities: readonly CpdHours[]): CpdTotals {
  const totals = {
    activities: 0,
    hours: 0,
    schoolBasedHours: 0,
    teamHours: 0,
    assessmentForLearningHours: 0,
  };
  for (const a of activities) {
    totals.activities++;
    totals.hours += a.hours;
    if (a.schoolBased) totals.schoolBasedHours += a.hours;
    if (a.inTeam) totals.teamHours += a.hours;
    if (a.focus === 'ASSESSMENT_FOR_LEARNING') totals.assessmentForLearningHours += a.hours;
  }
  return totals;
}

/**
 * The report's three features of good CPD as shares of hours (0–1): school-based, in a team, focused on
 * assessment for learning; and hours per teacher (null when the teaching staff are not known or none).
 * Shares are null when no hours were recorded: 0 would claim something was measured.
 */
export function cpdFigures(totals: CpdTotals, teachers: number | null): CpdFigures {
  const share = (part: number) => (totals.hours > 0 ? round(part / totals.hours, 3) : null);
  return {
    activities: totals.activities,
    hours: round(totals.hours, 1),
    teachers,
    hoursPerTeacher: teachers ? round(totals.hours / teachers, 1) : null,
    schoolBasedShare: share(totals.schoolBasedHours),
    teamShare: share(totals.teamHours),
    assessmentForLearningShare: share(totals.assessmentForLearningHours),
  };
}

/** The academic year a date falls in: September to August, named by the calendar year it starts. */
export function academicYearOf(isoDate: string): number {
  const [year, month] = isoDate.split('-').map(Number) as [number, number];
  return month >= 9 ? year : year - 1;
}

/**
 * Progress against expected, and which pupils are stuck. Terms are numbered 1 (autumn), 2 (spring) and
 * 3 (summer); a pupil's position in time is `academicYear * 3 + term - 1`.
 */

/** A trust's setting for what expected progress is and when a pupil counts as stuck. */
export interface ProgressSettings {
  /** Points on the continuum a pupil is expected to gain each term (default 1: 3 a year). */
  expectedPointsPerTerm: number;
  /** Stuck when there is no gain across this many periodic assessments in a row (default 3). */
  stuckAfterAssessments: number;
  /**
   * Stuck when, a year or more into a key stage, the gain since its start is less than this share of the
   * expected gain (default 0.5).
   */
  minimumKeyStageShare: number;
}

export const DEFAULT_SETTINGS: ProgressSettings = {
  expectedPointsPerTerm: 1,
  stuckAfterAssessments: 3,
  minimumKeyStageShare: 0.5,
};

/** One periodic assessment on the continuum. */
export interface PointInTime {
  academicYear: number;
  term: 1 | 2 | 3;
  yearGroup: number;
  points: number;
}

export type StuckReason = 'NO_GAIN' | 'BELOW_KEY_STAGE_MINIMUM';

export interface SubjectYearResult {
  /** Points of the latest assessment in the year. */
  attainment: number;
  /** The expected standard for the pupil's year group at that term. */
  expected: number;
  atExpected: boolean;
  /** Gain since the baseline (the last assessment before the year, else the first in it) minus expected gain. */
  progress: number;
  stuck: boolean;
  stuckReason: StuckReason | null;
}

/** The expected standard on the continuum for a year group (Reception = 0) at the end of a term. */
export function expectedPoints(yearGroup: number, term: 1 | 2 | 3): number {
  return 6 + 3 * yearGroup + term;
}

/** The first year group of a pupil's key stage (EYFS 0, KS1 1–2, KS2 3–6, KS3 7–9, KS4 10–11, 16–19 12–13). */
export function keyStageStart(yearGroup: number): number {
  if (yearGroup <= 0) return 0;
  if (yearGroup <= 2) return 1;
  if (yearGroup <= 6) return 3;
  if (yearGroup <= 9) return 7;
  if (yearGroup <= 11) return 10;
  return 12;
}

const timeOf = (p: Pick<PointInTime, 'academicYear' | 'term'>) => p.academicYear * 3 + p.term - 1;

/**
 * A pupil's result in one subject for one academic year, from their periodic assessments in that subject
 * (any order; those after the year are ignored). Null when the pupil was not assessed that year.
 */
export function subjectYearResult(
  history: readonly PointInTime[],
  academicYear: number,
  settings: ProgressSettings = DEFAULT_SETTINGS,
): SubjectYearResult | null {
  const sorted = history.filter((p) => p.academicYear <= academicYear).sort((a, b) => timeOf(a) - timeOf(b));
  const inYear = sorted.filter((p) => p.academicYear === academicYear);
  const latest = inYear.at(-1);
  const firstInYear = inYear[0];
  if (!latest || !firstInYear) return null;
  const before = sorted.filter((p) => p.academicYear < academicYear).at(-1);
  const baseline = before ?? firstInYear;
  const expectedGain = (timeOf(latest) - timeOf(baseline)) * settings.expectedPointsPerTerm;
  const progress = latest.points - baseline.points - expectedGain;
  const expected = expectedPoints(latest.yearGroup, latest.term);

  let stuckReason: StuckReason | null = null;
  const n = settings.stuckAfterAssessments;
  const lastN = sorted.slice(-n);
  const firstOfLastN = lastN[0];
  if (n >= 2 && lastN.length === n && firstOfLastN && latest.points <= firstOfLastN.points) {
    stuckReason = 'NO_GAIN';
  } else {
    const stageStart = keyStageStart(latest.yearGroup);
    // The key stage's baseline: the last assessment before it began, else its first.
    const stageBaseline =
      sorted.filter((p) => p.yearGroup < stageStart).at(-1) ?? sorted.find((p) => p.yearGroup >= stageStart);
    if (stageBaseline) {
      const terms = timeOf(latest) - timeOf(stageBaseline);
      const gain = latest.points - stageBaseline.points;
      if (terms >= 3 && gain < settings.minimumKeyStageShare * terms * settings.expectedPointsPerTerm)
        stuckReason = 'BELOW_KEY_STAGE_MINIMUM';
    }
  }
  return {
    attainment: latest.points,
    expected,
    atExpected: latest.points >= expected,
    progress,
    stuck: stuckReason !== null,
    stuckReason,
  };
}

/**
 * Assessment scales as data. Every scale maps its grades to points on one continuum, so progress can be
 * measured across scales and key stages. The continuum follows the old average point scores: a National
 * Curriculum level is 6 points, a sub-level 2, and expected progress is 3 points a year (1 a term), so the
 * expected standard at the end of Year 2 is 15 (level 2b) and at the end of Year 6 27 (level 4b).
 */
export interface ScaleDefinition {
  id: string;
  name: string;
  grades: { grade: string; points: number }[];
}

const NC_SUB_LEVELS = Array.from({ length: 8 }, (_, level) =>
  (['c', 'b', 'a'] as const).map((sub, i) => ({
    grade: `${level + 1}${sub}`,
    points: 7 + level * 6 + i * 2,
  })),
).flat();

/** A school's own steps: for each year group, six half-point steps ending at that year's expected standard. */
const STEP_NAMES = ['B', 'B+', 'W', 'W+', 'S', 'S+'] as const;
export const SCHOOL_STEPS_FIRST_YEAR = 0;
export const SCHOOL_STEPS_LAST_YEAR = 13;
const SCHOOL_STEPS = Array.from({ length: SCHOOL_STEPS_LAST_YEAR + 1 }, (_, year) =>
  STEP_NAMES.map((step, i) => ({ grade: `Y${year} ${step}`, points: 6.5 + 3 * year + 0.5 * i })),
).flat();

export const SCALES: ScaleDefinition[] = [
  {
    id: 'P_SCALE',
    name: 'P scales (pupils working below the National Curriculum)',
    grades: [1.5, 2, 2.5, 3, 3.5, 4, 5, 6].map((points, i) => ({ grade: `P${i + 1}`, points })),
  },
  { id: 'NC_LEVEL', name: 'National Curriculum levels with sub-levels', grades: NC_SUB_LEVELS },
  {
    id: 'KS2_SCALED',
    name: 'Key stage 2 scaled scores (80–120, expected standard 100)',
    grades: Array.from({ length: 41 }, (_, i) => ({
      grade: String(80 + i),
      points: Math.round((27 + (i - 20) * 0.4) * 10) / 10,
    })),
  },
  {
    id: 'GCSE_9_1',
    name: 'GCSE grades 9 to 1 (4 a standard pass)',
    grades: Array.from({ length: 9 }, (_, i) => ({ grade: String(i + 1), points: 30 + 3 * (i + 1) })),
  },
  {
    id: 'TA_KS1',
    name: 'Key stage 1 teacher assessment',
    grades: [
      { grade: 'WTS', points: 12 },
      { grade: 'EXS', points: 15 },
      { grade: 'GDS', points: 19 },
    ],
  },
  {
    id: 'TA_KS2',
    name: 'Key stage 2 teacher assessment',
    grades: [
      { grade: 'WTS', points: 24 },
      { grade: 'EXS', points: 27 },
      { grade: 'GDS', points: 31 },
    ],
  },
  {
    id: 'SCHOOL_STEPS',
    name: "A school's own steps: for each year, Beginning, Working within, Secure (each with a +)",
    grades: SCHOOL_STEPS,
  },
];

export const SCALE_BY_ID = new Map(SCALES.map((s) => [s.id, s]));

/** Points on the continuum for a grade of a scale, or undefined when the grade is not on it. */
export function pointsFor(scaleId: string, grade: string): number | undefined {
  return SCALE_BY_ID.get(scaleId)?.grades.find((g) => g.grade === grade)?.points;
}

/** The grade of a scale nearest to the given points (ties go to the lower grade). */
export function nearestGrade(scaleId: string, points: number): { grade: string; points: number } {
  const scale = SCALE_BY_ID.get(scaleId);
  if (!scale) throw new Error(`unknown scale ${scaleId}`);
  let best = scale.grades[0] as { grade: string; points: number };
  for (const g of scale.grades) if (Math.abs(g.points - points) < Math.abs(best.points - points)) best = g;
  return best;
}

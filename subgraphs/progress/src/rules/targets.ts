/** A school's, trust's or LA's targets for one academic year; null where none is set. */
export interface Targets {
  stuckPupils: number | null;
  stuckWithoutPlan: number | null;
  disadvantagedGap: number | null;
}

export type TargetField = keyof Targets;

/**
 * The first target that cannot be meant, with why; null when all are acceptable. Counts are whole numbers from
 * 0 (the report's aspiration for stuck pupils: none); stuck without a plan cannot exceed stuck; the gap is a
 * share between -1 and 1, as `SchoolProgress.disadvantagedGap` reports it. At least one target must be given.
 */
export function targetsProblem(
  academicYear: number,
  targets: Partial<Targets>,
): { field: TargetField | 'academicYear'; message: string } | null {
  if (!Number.isInteger(academicYear) || academicYear < 2000 || academicYear > 2100)
    return {
      field: 'academicYear',
      message: `academicYear must be a year from 2000 to 2100, got ${academicYear}`,
    };
  for (const field of ['stuckPupils', 'stuckWithoutPlan'] as const) {
    const n = targets[field];
    if (n !== undefined && n !== null && (!Number.isInteger(n) || n < 0 || n > 100_000))
      return { field, message: `${field} must be a whole number of pupils from 0, got ${n}` };
  }
  const { stuckPupils, stuckWithoutPlan, disadvantagedGap } = targets;
  if (stuckPupils != null && stuckWithoutPlan != null && stuckWithoutPlan > stuckPupils)
    return {
      field: 'stuckWithoutPlan',
      message: `stuckWithoutPlan (${stuckWithoutPlan}) cannot be more than stuckPupils (${stuckPupils})`,
    };
  if (disadvantagedGap != null && (!Number.isFinite(disadvantagedGap) || Math.abs(disadvantagedGap) > 1))
    return {
      field: 'disadvantagedGap',
      message: `disadvantagedGap is a share from -1 to 1 (0.1 = 10 points), got ${disadvantagedGap}`,
    };
  if (stuckPupils == null && stuckWithoutPlan == null && disadvantagedGap == null)
    return { field: 'stuckPupils', message: 'give at least one target' };
  return null;
}

import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import type { Targets } from '../rules/targets.ts';
import { list, type Scope } from './scope.ts';
import { progressTargets } from './tables.ts';

export interface YearTargets extends Targets {
  academicYear: number;
}

/** Sets a scope's targets for a year, replacing any set before (a target left null is cleared). */
export async function saveTargets(
  db: Db,
  scope: Scope,
  scopeId: string,
  academicYear: number,
  targets: Targets,
  setBy: string,
) {
  const values = { scope, scopeId, academicYear, ...targets, setBy };
  await db
    .insert(progressTargets)
    .values(values)
    .onConflictDoUpdate({
      target: [progressTargets.scope, progressTargets.scopeId, progressTargets.academicYear],
      set: { ...targets, setBy, setAt: sql`now()` },
    });
  return { academicYear, ...targets };
}

/** Each scope's targets from `fromYear` to `toYear`, oldest first, in the order of `ids`. One query. */
export async function targetsOf(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  fromYear: number,
  toYear: number,
): Promise<YearTargets[][]> {
  const rows = await queryRows<{
    scope_id: string;
    academic_year: number;
    stuck_pupils: number | null;
    stuck_without_plan: number | null;
    disadvantaged_gap: number | null;
  }>(
    db,
    sql`select scope_id, academic_year, stuck_pupils, stuck_without_plan, disadvantaged_gap
        from progress.progress_targets
        where scope = ${scope} and scope_id in (${list(ids)}) and academic_year between ${fromYear} and ${toYear}
        order by scope_id, academic_year`,
  );
  return ids.map((id) =>
    rows
      .filter((r) => r.scope_id === id)
      .map((r) => ({
        academicYear: Number(r.academic_year),
        stuckPupils: r.stuck_pupils,
        stuckWithoutPlan: r.stuck_without_plan,
        disadvantagedGap: r.disadvantaged_gap === null ? null : Number(r.disadvantaged_gap),
      })),
  );
}

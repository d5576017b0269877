import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import type { PupilYearProgress } from '../rules/department-progress.ts';

/** A school and the academic years to read; `to` null reads on to the latest. */
export interface SchoolYears {
  urn: number;
  from: number;
  to: number | null;
}

export const schoolYearsKey = (k: SchoolYears) => `${k.urn}:${k.from}:${k.to ?? ''}`;

/**
 * Each pupil's progress against expected per academic year and periodic subject (from `pupil_results`), for
 * each school and span of years asked: one query for any number of consultancy engagements. Pupil ids never
 * leave this subgraph: the resolver turns them into aggregates.
 */
export async function pupilYearsOfSchools(
  db: Db,
  keys: readonly SchoolYears[],
): Promise<PupilYearProgress[][]> {
  if (keys.length === 0) return [];
  const wanted = sql.join(
    keys.map((k, i) => sql`(${i}::int, ${k.urn}::int, ${k.from}::int, ${k.to ?? 9999}::int)`),
    sql`, `,
  );
  const rows = await queryRows<{
    i: number;
    pupil_id: string;
    academic_year: number;
    reading: number | null;
    writing: number | null;
    maths: number | null;
  }>(
    db,
    sql`select k.i, r.pupil_id, r.academic_year,
          max(r.progress) filter (where r.subject = 'READING')::float8 as reading,
          max(r.progress) filter (where r.subject = 'WRITING')::float8 as writing,
          max(r.progress) filter (where r.subject = 'MATHS')::float8 as maths
        from (values ${wanted}) as k(i, urn, y0, y1)
        join progress.pupil_results r on r.urn = k.urn and r.academic_year between k.y0 and k.y1
        group by k.i, r.pupil_id, r.academic_year`,
  );
  const out: PupilYearProgress[][] = keys.map(() => []);
  for (const r of rows) {
    const progress: PupilYearProgress['progress'] = {};
    if (r.reading !== null) progress.READING = Number(r.reading);
    if (r.writing !== null) progress.WRITING = Number(r.writing);
    if (r.maths !== null) progress.MATHS = Number(r.maths);
    out[Number(r.i)]?.push({ pupilId: r.pupil_id, academicYear: Number(r.academic_year), progress });
  }
  return out;
}

import { type Db, queryRows } from '@commonroom/db';
import { groupedInKeyOrder } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';

/** One concept-level result as `Pupil.conceptResults` gives it (for the parents subgraph's traffic lights). */
export type ConceptResultRow = {
  pupilId: string;
  academicYear: number;
  assessedOn: string;
  subject: string;
  concept: string;
  points: number;
  expectedPoints: number;
};

/**
 * For each pupil, in one query: in every academic year, the concept results of their latest periodic
 * assessment of each subject that has any — at most a handful of rows a year, whatever the history.
 */
export async function conceptResultsByPupils(db: Db, pupilIds: readonly string[]) {
  const rows = await queryRows<ConceptResultRow>(
    db,
    sql`select pupil_id as "pupilId", academic_year as "academicYear", assessed_on::text as "assessedOn",
          subject, concept, points, expected_points as "expectedPoints"
        from (
          select c.*, rank() over (
            partition by c.pupil_id, c.academic_year, c.subject order by c.assessed_on desc) as latest
          from progress.concept_results c
          where c.pupil_id in (${sql.join(
            pupilIds.map((id) => sql`${id}`),
            sql`, `,
          )})
        ) x
        where latest = 1
        order by pupil_id, academic_year, assessed_on, subject, concept`,
  );
  return groupedInKeyOrder(
    pupilIds,
    rows.map((r) => ({ ...r, points: Number(r.points), expectedPoints: Number(r.expectedPoints) })),
    (r) => r.pupilId,
  );
}

import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import { checkAssessmentCsv, type LineError } from '../rules/assessment-csv.ts';
import { todayIso } from '../rules/dates.ts';
import { expectedPoints } from '../rules/progress.ts';
import { COLUMNS, insertJson } from './bulk.ts';
import { recomputeResults } from './results.ts';

export type AssessmentImportResult =
  | {
      ok: true;
      inserted: number;
      unchanged: number;
      pupilsUpdated: number;
      /** Every pupil the file named (for the audit trail; not part of the GraphQL result). */
      pupilIds: string[];
    }
  | { ok: false; errors: LineError[] };

/**
 * Imports assessments from CSV keyed by UPN, in one transaction. Any bad line — wrong check letter,
 * unknown UPN (or, with `onlyUrn`, a pupil of another school), a grade not on its scale, a future date, a
 * duplicate, an unknown concept column, or a row (or concept result) that contradicts a stored one — rejects
 * the whole file and nothing is written. Rows already stored are left alone, so a second import of the same
 * file changes nothing. Concept results of a periodic assessment are stored with the expected standard for the
 * pupil's year group at that term (`expectedPoints`), and may be added to an assessment imported earlier.
 */
export async function importAssessments(
  db: Db,
  csv: string,
  options: { onlyUrn?: number; today?: string } = {},
): Promise<AssessmentImportResult> {
  const grades = await queryRows<{ scale_id: string; grade: string; points: number }>(
    db,
    sql`select scale_id, grade, points from progress.scale_grades`,
  );
  const points = new Map(grades.map((g) => [`${g.scale_id}|${g.grade}`, Number(g.points)]));
  const scales = new Set(grades.map((g) => g.scale_id));
  const { rows, errors } = checkAssessmentCsv(
    csv,
    (scale, grade) => points.get(`${scale}|${grade}`),
    (scale) => scales.has(scale),
    options.today ?? todayIso(),
  );
  const upns = [...new Set(rows.map((r) => r.upn))];
  const pupils =
    upns.length === 0
      ? []
      : await queryRows<{ id: string; upn: string; urn: number; reception_year: number }>(
          db,
          sql`select id, upn, urn, reception_year from progress.pupils where upn in (${sql.join(
            upns.map((u) => sql`${u}`),
            sql`, `,
          )})`,
        );
  const byUpn = new Map(pupils.map((p) => [p.upn, p]));
  for (const row of rows) {
    const pupil = byUpn.get(row.upn);
    if (!pupil || (options.onlyUrn !== undefined && pupil.urn !== options.onlyUrn))
      errors.push({
        line: row.line,
        message: `unknown UPN ${row.upn}${options.onlyUrn ? ' at your school' : ''}`,
      });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  const values = rows.map((r) => {
    const pupil = byUpn.get(r.upn) as { id: string; urn: number; reception_year: number };
    return {
      pupil_id: pupil.id,
      urn: pupil.urn,
      subject: r.subject,
      kind: r.kind,
      assessed_on: r.assessedOn,
      academic_year: r.academicYear,
      term: r.term,
      year_group: r.academicYear - Number(pupil.reception_year),
      scale_id: r.scaleId,
      grade: r.grade,
      points: r.points,
      line: r.line,
    };
  });
  const conceptValues = rows.flatMap((r, i) =>
    r.concepts.map((c) => {
      const v = values[i] as (typeof values)[number];
      return {
        pupil_id: v.pupil_id,
        urn: v.urn,
        subject: v.subject,
        concept: c.concept,
        assessed_on: v.assessed_on,
        academic_year: v.academic_year,
        term: v.term,
        year_group: v.year_group,
        points: c.points,
        expected_points: expectedPoints(v.year_group, v.term),
        line: v.line,
      };
    }),
  );
  return db.transaction(async (tx) => {
    // Rows already stored with another grade contradict the file: reject it rather than overwrite.
    const clashes = await queryRows<{ line: number; scale_id: string; grade: string }>(
      tx,
      sql`select x.line, a.scale_id, a.grade
          from json_to_recordset(${JSON.stringify(values)}::json)
            as x(line int, pupil_id text, subject text, kind text, assessed_on date, scale_id text, grade text)
          join progress.assessments a on a.pupil_id = x.pupil_id and a.subject = x.subject and a.kind = x.kind
            and a.assessed_on = x.assessed_on
          where a.scale_id <> x.scale_id or a.grade <> x.grade`,
    );
    const conceptClashes =
      conceptValues.length === 0
        ? []
        : await queryRows<{ line: number; concept: string; points: number }>(
            tx,
            sql`select x.line, c.concept, c.points
                from json_to_recordset(${JSON.stringify(conceptValues)}::json)
                  as x(line int, pupil_id text, subject text, concept text, assessed_on date, points real)
                join progress.concept_results c on c.pupil_id = x.pupil_id and c.subject = x.subject
                  and c.concept = x.concept and c.assessed_on = x.assessed_on
                where c.points <> x.points`,
          );
    if (clashes.length + conceptClashes.length > 0)
      return {
        ok: false as const,
        errors: [
          ...clashes.map((c) => ({
            line: c.line,
            message: `already recorded as ${c.scale_id} ${c.grade} for that pupil, subject, kind and date`,
          })),
          ...conceptClashes.map((c) => ({
            line: c.line,
            message: `${c.concept} already recorded at ${Number(c.points)} points for that pupil and date`,
          })),
        ].sort((a, b) => a.line - b.line),
      };
    const inserted = await insertJson(
      tx,
      'progress.assessments',
      COLUMNS['progress.assessments'],
      values.map(({ line: _line, ...v }) => v),
      sql`on conflict do nothing`,
    );
    await insertJson(
      tx,
      'progress.concept_results',
      COLUMNS['progress.concept_results'],
      conceptValues.map(({ line: _line, ...v }) => v),
      sql`on conflict do nothing`,
    );
    const changedPupils = inserted === 0 ? [] : [...new Set(values.map((v) => v.pupil_id))];
    await recomputeResults(tx, changedPupils);
    return {
      ok: true as const,
      inserted,
      unchanged: values.length - inserted,
      pupilsUpdated: changedPupils.length,
      pupilIds: [...new Set(values.map((v) => v.pupil_id))],
    };
  });
}

import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import {
  DEFAULT_SETTINGS,
  type PointInTime,
  type ProgressSettings,
  subjectYearResult,
} from '../rules/progress.ts';
import { COLUMNS, insertJson } from './bulk.ts';

/** The subjects whose periodic assessments give progress, stuck and gaps. */
export const CORE_SUBJECTS = ['READING', 'WRITING', 'MATHS'] as const;

export interface PupilForResults {
  id: string;
  urn: number;
  disadvantaged: boolean;
  sex: string;
  sen: string;
  eal: boolean;
  ethnicity: string;
  lookedAfter: boolean;
}

export interface PeriodicAssessment extends PointInTime {
  subject: string;
}

/** The pupil_results rows for one pupil: every year and core subject they were assessed in. */
export function resultRows(
  pupil: PupilForResults,
  school: { laCode: string; trustId: string | null },
  periodic: readonly PeriodicAssessment[],
  settings: ProgressSettings,
) {
  const rows: Record<string, unknown>[] = [];
  for (const subject of CORE_SUBJECTS) {
    const history = periodic.filter((a) => a.subject === subject);
    const years = [...new Set(history.map((a) => a.academicYear))].sort();
    for (const year of years) {
      const result = subjectYearResult(history, year, settings);
      if (!result) continue;
      const yearGroup = history.find((a) => a.academicYear === year)?.yearGroup ?? 0;
      rows.push({
        pupil_id: pupil.id,
        academic_year: year,
        subject,
        urn: pupil.urn,
        la_code: school.laCode,
        trust_id: school.trustId,
        year_group: yearGroup,
        disadvantaged: pupil.disadvantaged,
        sex: pupil.sex,
        sen: pupil.sen,
        eal: pupil.eal,
        ethnicity: pupil.ethnicity,
        looked_after: pupil.lookedAfter,
        attainment: result.attainment,
        at_expected: result.atExpected,
        progress: result.progress,
        stuck: result.stuck,
        stuck_reason: result.stuckReason,
      });
    }
  }
  return rows;
}

/** Each trust's progress settings (defaults for trusts without their own, and for maintained schools). */
export async function settingsByTrust(db: Db): Promise<(trustId: string | null) => ProgressSettings> {
  const rows = await queryRows<{
    trust_id: string;
    expected_points_per_term: number;
    stuck_after_assessments: number;
    minimum_key_stage_share: number;
  }>(db, sql`select * from progress.trust_settings`);
  const byTrust = new Map(
    rows.map((r) => [
      r.trust_id,
      {
        expectedPointsPerTerm: Number(r.expected_points_per_term),
        stuckAfterAssessments: Number(r.stuck_after_assessments),
        minimumKeyStageShare: Number(r.minimum_key_stage_share),
      },
    ]),
  );
  return (trustId) => (trustId ? byTrust.get(trustId) : undefined) ?? DEFAULT_SETTINGS;
}

/**
 * Recomputes pupil_results for the given pupils from their stored periodic assessments (after an import
 * or a change of trust settings). Two queries to read, one delete and one insert, whatever the number.
 */
export async function recomputeResults(db: Db, pupilIds: readonly string[]) {
  if (pupilIds.length === 0) return;
  const ids = sql.join(
    pupilIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const settingsOf = await settingsByTrust(db);
  const pupilRows = await queryRows<{
    id: string;
    urn: number;
    disadvantaged: boolean;
    sex: string;
    sen: string;
    eal: boolean;
    ethnicity: string;
    looked_after: boolean;
    la_code: string;
    trust_id: string | null;
  }>(
    db,
    sql`select p.*, d.la_code, d.trust_id from progress.pupils p
        join progress.school_directory d on d.urn = p.urn where p.id in (${ids})`,
  );
  const assessmentRows = await queryRows<{
    pupil_id: string;
    subject: string;
    academic_year: number;
    term: 1 | 2 | 3;
    year_group: number;
    points: number;
  }>(
    db,
    sql`select pupil_id, subject, academic_year, term, year_group, points from progress.assessments
        where kind = 'PERIODIC' and pupil_id in (${ids})`,
  );
  const byPupil = new Map<string, PeriodicAssessment[]>();
  for (const a of assessmentRows) {
    const list = byPupil.get(a.pupil_id) ?? [];
    list.push({
      subject: a.subject,
      academicYear: Number(a.academic_year),
      term: Number(a.term) as 1 | 2 | 3,
      yearGroup: Number(a.year_group),
      points: Number(a.points),
    });
    byPupil.set(a.pupil_id, list);
  }
  const rows = pupilRows.flatMap((p) =>
    resultRows(
      { ...p, lookedAfter: p.looked_after },
      { laCode: p.la_code, trustId: p.trust_id },
      byPupil.get(p.id) ?? [],
      settingsOf(p.trust_id),
    ),
  );
  await db.execute(sql`delete from progress.pupil_results where pupil_id in (${ids})`);
  for (let i = 0; i < rows.length; i += 20_000)
    await insertJson(
      db,
      'progress.pupil_results',
      COLUMNS['progress.pupil_results'],
      rows.slice(i, i + 20_000),
    );
}

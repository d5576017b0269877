import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import { DEFAULT_TRUST_SETTINGS, entitlementReasons, type TrustSettings } from '../rules/entitlement.ts';
import { type PointInTime, type ProgressSettings, subjectYearResult } from '../rules/progress.ts';
import { COLUMNS, insertJson } from './bulk.ts';
import { refreshSummaries } from './summaries.ts';

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

/**
 * The entitlements rows for one pupil: one per academic year in which any reason applies (see
 * rules/entitlement.ts), with the trust's budget for a new entitlement.
 */
export function entitlementRows(
  pupil: PupilForResults,
  school: { laCode: string; trustId: string | null },
  periodic: readonly PeriodicAssessment[],
  settings: TrustSettings,
  keyStageResults: readonly PeriodicAssessment[] = [],
) {
  const subjects = CORE_SUBJECTS.map((subject) => ({
    subject,
    history: periodic.filter((a) => a.subject === subject),
    keyStageResults: keyStageResults.filter((a) => a.subject === subject),
  }));
  // A KS1 outcome is a reason in its own year, even for a pupil with no periodic assessment then (a CTF's).
  const ks1Years = keyStageResults.filter((a) => a.yearGroup === 2).map((a) => a.academicYear);
  const years = [...new Set([...periodic.map((a) => a.academicYear), ...ks1Years])].sort();
  const rows: Record<string, unknown>[] = [];
  for (const year of years) {
    const reasons = entitlementReasons(subjects, year, settings);
    if (reasons.length === 0) continue;
    rows.push({
      pupil_id: pupil.id,
      academic_year: year,
      urn: pupil.urn,
      la_code: school.laCode,
      trust_id: school.trustId,
      disadvantaged: pupil.disadvantaged,
      sen: pupil.sen,
      eligible: true,
      reasons,
      budget_pence: settings.supportBudgetPence,
    });
  }
  return rows;
}

/** Each trust's settings (defaults for trusts without their own, and for maintained schools). */
export async function settingsByTrust(db: Db): Promise<(trustId: string | null) => TrustSettings> {
  const rows = await queryRows<{
    trust_id: string;
    expected_points_per_term: number;
    stuck_after_assessments: number;
    minimum_key_stage_share: number;
    support_budget_pence: number;
    not_progressing_share: number;
  }>(db, sql`select * from progress.trust_settings`);
  const byTrust = new Map(
    rows.map((r) => [
      r.trust_id,
      {
        expectedPointsPerTerm: Number(r.expected_points_per_term),
        stuckAfterAssessments: Number(r.stuck_after_assessments),
        minimumKeyStageShare: Number(r.minimum_key_stage_share),
        supportBudgetPence: Number(r.support_budget_pence),
        notProgressingShare: Number(r.not_progressing_share),
      },
    ]),
  );
  return (trustId) => (trustId ? byTrust.get(trustId) : undefined) ?? DEFAULT_TRUST_SETTINGS;
}

/**
 * Recomputes pupil_results and re-evaluates entitlements for the given pupils from their stored periodic
 * assessments (after an import or a change of trust settings), and refreshes the summaries of their schools'
 * years (data/summaries.ts) — in the caller's transaction. A few statements whatever the number.
 * Entitlements are updated in place, never deleted, so bookings and the ledger keep their entitlement:
 * a pupil no longer eligible keeps the row with `eligible` false and may not book more.
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
  // Statutory end-of-key-stage results (KS1 TA in Year 2, KS2 in Year 6): the entitlement rules' baseline for a
  // pupil who joined after the end of the key stage (rules/entitlement.ts).
  const keyStageRows = await queryRows<{
    pupil_id: string;
    subject: string;
    academic_year: number;
    year_group: number;
    points: number;
  }>(
    db,
    sql`select pupil_id, subject, academic_year, year_group, points from progress.assessments
        where kind in ('STATUTORY', 'TEACHER') and year_group in (2, 6) and pupil_id in (${ids})`,
  );
  const keyStageOf = new Map<string, PeriodicAssessment[]>();
  for (const a of keyStageRows)
    keyStageOf.set(a.pupil_id, [
      ...(keyStageOf.get(a.pupil_id) ?? []),
      {
        subject: a.subject,
        academicYear: Number(a.academic_year),
        term: 3,
        yearGroup: Number(a.year_group),
        points: Number(a.points),
      },
    ]);
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
  // A year counts at the school the pupil was assessed at that year (its last periodic assessment), not
  // their current one: a pupil who moved leaves their past years with the school they were at.
  const placeRows = await queryRows<{
    pupil_id: string;
    academic_year: number;
    urn: number;
    la_code: string;
    trust_id: string | null;
  }>(
    db,
    sql`select distinct on (a.pupil_id, a.academic_year) a.pupil_id, a.academic_year, a.urn, d.la_code, d.trust_id
        from progress.assessments a join progress.school_directory d on d.urn = a.urn
        where a.kind = 'PERIODIC' and a.pupil_id in (${ids})
        order by a.pupil_id, a.academic_year, a.assessed_on desc`,
  );
  const placeOf = new Map(placeRows.map((r) => [`${r.pupil_id}|${Number(r.academic_year)}`, r]));
  const rows: Record<string, unknown>[] = [];
  const entitled: Record<string, unknown>[] = [];
  for (const p of pupilRows) {
    const pupil = { ...p, lookedAfter: p.looked_after };
    const school = { laCode: p.la_code, trustId: p.trust_id };
    const history = byPupil.get(p.id) ?? [];
    for (const row of resultRows(pupil, school, history, settingsOf(p.trust_id))) {
      const place = placeOf.get(`${p.id}|${row.academic_year}`);
      rows.push(place ? { ...row, urn: place.urn, la_code: place.la_code, trust_id: place.trust_id } : row);
    }
    entitled.push(...entitlementRows(pupil, school, history, settingsOf(p.trust_id), keyStageOf.get(p.id)));
  }
  // Every entitlement of these pupils is re-evaluated: off first, then on for those with a reason (keeping
  // the budget an existing entitlement was given). Row locks make this wait for a booking in progress.
  await db.execute(
    sql`update progress.entitlements set eligible = false, reasons = '[]'::jsonb, evaluated_at = now()
        where pupil_id in (${ids}) and eligible`,
  );
  await insertJson(
    db,
    'progress.entitlements',
    COLUMNS['progress.entitlements'],
    entitled,
    sql`on conflict (pupil_id, academic_year) do update
        set eligible = true, reasons = excluded.reasons, evaluated_at = now()`,
  );
  // The school-years whose results change, before and after, so their summaries are refreshed with them.
  const before = await queryRows<{ urn: number; academic_year: number }>(
    db,
    sql`select distinct urn, academic_year from progress.pupil_results where pupil_id in (${ids})`,
  );
  await db.execute(sql`delete from progress.pupil_results where pupil_id in (${ids})`);
  for (let i = 0; i < rows.length; i += 20_000)
    await insertJson(
      db,
      'progress.pupil_results',
      COLUMNS['progress.pupil_results'],
      rows.slice(i, i + 20_000),
    );
  await refreshSummaries(db, [
    ...before.map((r) => ({ urn: Number(r.urn), academicYear: Number(r.academic_year) })),
    ...rows.map((r) => ({ urn: r.urn as number, academicYear: r.academic_year as number })),
  ]);
}

import type { SchoolPlace } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import { groupedInKeyOrder, inKeyOrder } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import { DEFAULT_TRUST_SETTINGS } from '../rules/entitlement.ts';
import type { PupilGain } from '../rules/impact.ts';
import { COLUMNS, insertJson } from './bulk.ts';
import { list } from './scope.ts';

export interface CohortRow {
  id: string;
  urn: number;
  subject: string;
  yearGroup: number;
  academicYear: number;
  startedOn: string;
  endedOn: string | null;
}

/**
 * The periodic subjects a cohort's progress is measured in: English is reading and writing together (the
 * mean of the two); science has no periodic assessments here, so nothing is measured.
 */
export const MEASURED_SUBJECTS: Record<string, readonly string[]> = {
  READING: ['READING'],
  WRITING: ['WRITING'],
  MATHS: ['MATHS'],
  ENGLISH: ['READING', 'WRITING'],
  SCIENCE: [],
};

const toCohort = (r: Record<string, unknown>): CohortRow => ({
  id: r.id as string,
  urn: Number(r.urn),
  subject: r.subject as string,
  yearGroup: Number(r.year_group),
  academicYear: Number(r.academic_year),
  startedOn: r.started_on as string,
  endedOn: (r.ended_on as string | null) ?? null,
});

const COHORT_COLUMNS = sql.raw(
  'id, urn, subject, year_group, academic_year, started_on::text as started_on, ended_on::text as ended_on',
);

export async function cohortsByIds(db: Db, ids: readonly string[]) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${COHORT_COLUMNS} from progress.intervention_cohorts where id in (${list(ids)})`,
  );
  return inKeyOrder(ids, rows.map(toCohort), (c) => c.id);
}

/** The pupil ids of each cohort, in id order: one query. */
export async function membersOfCohorts(db: Db, ids: readonly string[]) {
  const rows = await queryRows<{ cohort_id: string; pupil_id: string }>(
    db,
    sql`select cohort_id, pupil_id from progress.cohort_members where cohort_id in (${list(ids)})
        order by cohort_id, pupil_id`,
  );
  return groupedInKeyOrder(ids, rows, (r) => r.cohort_id).map((members) => members.map((m) => m.pupil_id));
}

/** A pupil's gain, and whose it is. */
export interface MeasuredGain extends PupilGain {
  pupilId: string;
}

/** What the impact rule needs for one cohort: the gains of its pupils and of the rest of their year group. */
export interface CohortGains {
  cohort: MeasuredGain[];
  others: MeasuredGain[];
  expectedPointsPerTerm: number;
  /** The cohort's school, its LA and trust: who may read the impact exactly. */
  place: SchoolPlace;
}

interface Point {
  on: string;
  points: number;
}

/** A cohort's school, LA and trust's expected rate, as both gains queries select them (`c` is the cohort). */
type CohortHeadRow = {
  cohort_id: string;
  urn: number;
  la_code: string | null;
  trust_id: string | null;
  expected_points_per_term: number;
};

const COHORT_HEAD = sql`c.id as cohort_id, c.urn, d.la_code, d.trust_id,
  coalesce(ts.expected_points_per_term, ${DEFAULT_TRUST_SETTINGS.expectedPointsPerTerm})::float8
    as expected_points_per_term`;

const COHORT_HEAD_JOINS = sql`left join progress.school_directory d on d.urn = c.urn
  left join progress.trust_settings ts on ts.trust_id = d.trust_id`;

/** Empty gains for a cohort, with its rate and place from its head row. */
const emptyGains = (r: CohortHeadRow): CohortGains => ({
  cohort: [],
  others: [],
  expectedPointsPerTerm: Number(r.expected_points_per_term),
  place: { urn: Number(r.urn), laCode: r.la_code ?? '', trustId: r.trust_id },
});

/**
 * A pupil's start and end points over a period in one subject: the latest assessment on or before the start
 * (else the first after it, for pupils who joined the school with the cohort, as in Year 7) and the latest
 * after that one and on or before the end. Null when there are not two.
 */
function span(points: Point[], startedOn: string): { baseline: number; end: number } | null {
  const sorted = [...points].sort((a, b) => a.on.localeCompare(b.on));
  const before = sorted.filter((p) => p.on <= startedOn).at(-1);
  const baseline = before ?? sorted[0];
  const end = sorted.at(-1);
  if (!baseline || !end || end.on <= baseline.on) return null;
  return { baseline: baseline.points, end: end.points };
}

/**
 * The gains of each cohort's pupils and of every other pupil of the school in that year group, computed from
 * their periodic assessments in the measured subjects between a year before the cohort started and its end
 * (or today), with the school's trust's expected rate: one query for any number of cohorts. This reads every
 * assessment of the year group, so requests read the stored result instead (`gainsOfCohorts`); this live
 * computation fills the store (`refreshCohortGains`) and is what a test compares the store with. Null for a
 * cohort that does not exist.
 */
export async function measureGainsLive(db: Db, ids: readonly string[]): Promise<(CohortGains | null)[]> {
  if (ids.length === 0) return [];
  // One row per cohort and assessment (a cohort with none still gives one row, with nulls, from the left join).
  const rows = await queryRows<
    CohortHeadRow & {
      subject: string;
      started_on: string;
      pupil_id: string | null;
      in_cohort: boolean | null;
      assessed_subject: string | null;
      assessed_on: string | null;
      points: number | null;
    }
  >(
    db,
    sql`select ${COHORT_HEAD}, c.subject, c.started_on::text as started_on,
          x.pupil_id, x.in_cohort, x.subject as assessed_subject, x.assessed_on, x.points
        from progress.intervention_cohorts c
        ${COHORT_HEAD_JOINS}
        left join lateral (
          select p.id as pupil_id, (m.pupil_id is not null) as in_cohort, a.subject,
            a.assessed_on::text as assessed_on, a.points
          from progress.pupils p
          join progress.assessments a on a.pupil_id = p.id and a.kind = 'PERIODIC'
            and a.subject in ('READING', 'WRITING', 'MATHS')
            and a.assessed_on > c.started_on - 365 and a.assessed_on <= coalesce(c.ended_on, current_date)
          left join progress.cohort_members m on m.cohort_id = c.id and m.pupil_id = p.id
          where p.urn = c.urn and p.reception_year = c.academic_year - c.year_group
            and p.on_roll_from <= c.academic_year and p.on_roll_to >= c.academic_year
        ) x on true
        where c.id in (${list(ids)})`,
  );
  const byCohort = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byCohort.get(r.cohort_id) ?? [];
    list.push(r);
    byCohort.set(r.cohort_id, list);
  }
  return ids.map((id) => {
    const mine = byCohort.get(id);
    const first = mine?.[0];
    if (!mine || !first) return null;
    const subjects = MEASURED_SUBJECTS[first.subject] ?? [];
    const pupils = new Map<string, { inCohort: boolean; bySubject: Map<string, Point[]> }>();
    for (const r of mine) {
      if (r.pupil_id === null || r.assessed_subject === null || !subjects.includes(r.assessed_subject))
        continue;
      const pupil = pupils.get(r.pupil_id) ?? { inCohort: r.in_cohort === true, bySubject: new Map() };
      const points = pupil.bySubject.get(r.assessed_subject) ?? [];
      points.push({ on: r.assessed_on as string, points: Number(r.points) });
      pupil.bySubject.set(r.assessed_subject, points);
      pupils.set(r.pupil_id, pupil);
    }
    const gains = emptyGains(first);
    for (const [pupilId, pupil] of pupils) {
      const spans = subjects.map((s) => span(pupil.bySubject.get(s) ?? [], first.started_on));
      if (spans.length === 0 || spans.some((s) => s === null)) continue;
      const mean = (pick: (s: { baseline: number; end: number }) => number) =>
        spans.reduce((sum, s) => sum + pick(s as { baseline: number; end: number }), 0) / spans.length;
      (pupil.inCohort ? gains.cohort : gains.others).push({
        pupilId,
        baseline: mean((s) => s.baseline),
        end: mean((s) => s.end),
      });
    }
    return gains;
  });
}

const GAIN_COLUMNS = {
  cohort_id: 'text',
  pupil_id: 'text',
  in_cohort: 'boolean',
  baseline: 'float8',
  end_points: 'float8',
};

/**
 * Re-measures these cohorts and stores their pupils' gains (progress.cohort_gains). Call it in the transaction
 * that changed what they are measured from: a cohort's creation, or its school's periodic results.
 */
export async function refreshCohortGains(db: Db, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const measured = await measureGainsLive(db, chunk);
    await db.execute(sql`delete from progress.cohort_gains where cohort_id in (${list(chunk)})`);
    await insertJson(
      db,
      'progress.cohort_gains',
      GAIN_COLUMNS,
      chunk.flatMap((id, k) => {
        const g = measured[k];
        if (!g) return [];
        const row = (inCohort: boolean) => (p: MeasuredGain) => ({
          cohort_id: id,
          pupil_id: p.pupilId,
          in_cohort: inCohort,
          baseline: p.baseline,
          end_points: p.end,
        });
        return [...g.cohort.map(row(true)), ...g.others.map(row(false))];
      }),
    );
  }
}

/** Re-measures every cohort of these schools (after their results changed). */
export async function refreshCohortGainsAt(db: Db, urns: readonly number[]) {
  if (urns.length === 0) return;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from progress.intervention_cohorts where urn in (${list(urns)}) order by id`,
  );
  await refreshCohortGains(
    db,
    rows.map((r) => r.id),
  );
}

/**
 * Each cohort's gains as stored (see `refreshCohortGains`), with its school's trust's expected rate: one
 * query for any number of cohorts, so every adoption of every practice in a request is measured together.
 * Null for a cohort that does not exist.
 */
export async function gainsOfCohorts(db: Db, ids: readonly string[]): Promise<(CohortGains | null)[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<
    CohortHeadRow & {
      pupil_id: string | null;
      in_cohort: boolean | null;
      baseline: number | null;
      end_points: number | null;
    }
  >(
    db,
    sql`select ${COHORT_HEAD}, g.pupil_id, g.in_cohort, g.baseline, g.end_points
        from progress.intervention_cohorts c
        ${COHORT_HEAD_JOINS}
        left join progress.cohort_gains g on g.cohort_id = c.id
        where c.id in (${list(ids)})
        order by c.id, g.pupil_id`,
  );
  const byCohort = new Map<string, CohortGains>();
  for (const r of rows) {
    let gains = byCohort.get(r.cohort_id);
    if (!gains) {
      gains = emptyGains(r);
      byCohort.set(r.cohort_id, gains);
    }
    if (r.pupil_id === null) continue;
    (r.in_cohort ? gains.cohort : gains.others).push({
      pupilId: r.pupil_id,
      baseline: Number(r.baseline),
      end: Number(r.end_points),
    });
  }
  return ids.map((id) => byCohort.get(id) ?? null);
}

/** Writes a cohort and its members (in the caller's transaction). */
export async function insertCohort(
  db: Db,
  cohort: CohortRow,
  pupilIds: readonly string[],
  createdBy: string,
) {
  await insertJson(db, 'progress.intervention_cohorts', COLUMNS['progress.intervention_cohorts'], [
    {
      id: cohort.id,
      urn: cohort.urn,
      subject: cohort.subject,
      year_group: cohort.yearGroup,
      academic_year: cohort.academicYear,
      started_on: cohort.startedOn,
      ended_on: cohort.endedOn,
      created_by: createdBy,
    },
  ]);
  await insertJson(
    db,
    'progress.cohort_members',
    COLUMNS['progress.cohort_members'],
    pupilIds.map((id) => ({ cohort_id: cohort.id, pupil_id: id, urn: cohort.urn })),
  );
  await refreshCohortGains(db, [cohort.id]);
}

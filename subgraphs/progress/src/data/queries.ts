import { type Db, queryRows } from '@commonroom/db';
import { groupedInKeyOrder, inKeyOrder } from '@commonroom/subgraph-kit';
import { type SQL, sql } from 'drizzle-orm';
import type { SchoolPlace } from './access.ts';

export const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export type Scope = 'school' | 'trust' | 'la';
export const SCOPE_COLUMN: Record<Scope, SQL> = {
  school: sql.raw('urn::text'),
  trust: sql.raw('trust_id'),
  la: sql.raw('la_code'),
};
export const SCOPE_FILTER: Record<Scope, SQL> = {
  school: sql.raw('urn'),
  trust: sql.raw('trust_id'),
  la: sql.raw('la_code'),
};
export const scopeValues = (scope: Scope, ids: readonly string[]) =>
  scope === 'school' ? list(ids.map(Number)) : list(ids);

export type GapDimension = 'DISADVANTAGED' | 'SEX' | 'SEN' | 'EAL' | 'ETHNICITY' | 'LOOKED_AFTER';

/** Each dimension's group label, and its focus group (compared with everyone else) where there is one. */
const DIMENSIONS: Record<GapDimension, { group: SQL; focus: SQL | null }> = {
  DISADVANTAGED: {
    group: sql.raw(`case when disadvantaged then 'DISADVANTAGED' else 'NOT_DISADVANTAGED' end`),
    focus: sql.raw('disadvantaged'),
  },
  SEX: { group: sql.raw('sex'), focus: sql.raw(`sex = 'MALE'`) },
  SEN: { group: sql.raw('sen'), focus: sql.raw(`sen <> 'NONE'`) },
  EAL: { group: sql.raw(`case when eal then 'EAL' else 'NOT_EAL' end`), focus: sql.raw('eal') },
  ETHNICITY: { group: sql.raw('ethnicity'), focus: null },
  LOOKED_AFTER: {
    group: sql.raw(`case when looked_after then 'LOOKED_AFTER' else 'NOT_LOOKED_AFTER' end`),
    focus: sql.raw('looked_after'),
  },
};
export const hasFocusGroup = (by: GapDimension) => DIMENSIONS[by].focus !== null;

export async function directoryByUrns(db: Db, urns: readonly number[]): Promise<(SchoolPlace | null)[]> {
  const rows = await queryRows<{ urn: number; la_code: string; trust_id: string | null }>(
    db,
    sql`select urn, la_code, trust_id from progress.school_directory where urn in (${list(urns)})`,
  );
  return inKeyOrder(
    urns,
    rows.map((r) => ({ urn: r.urn, laCode: r.la_code, trustId: r.trust_id })),
    (r) => r.urn,
  );
}

export interface SchoolProgressRow extends SchoolPlace {
  pupils: number;
  stuck: number;
  stuckWithoutPlan: number;
  onTrack: number;
  atExpected: number;
  progressSum: number;
  disadvantaged: number;
  disadvantagedAtExpected: number;
}

/**
 * Progress numbers for many schools in one query, with each school's LA and trust so the caller's access
 * is checked without another query. A pupil counts as stuck when stuck in any core subject; a plan counts
 * for a year when it was open at some time since the year began (so a plan made today counts).
 */
export async function schoolProgress(db: Db, urns: readonly number[], year: number) {
  const rows = await queryRows<{
    urn: number;
    la_code: string;
    trust_id: string | null;
    pupils: number;
    stuck: number;
    stuck_without_plan: number;
    on_track: number;
    at_expected: number;
    progress_sum: number | null;
    disadvantaged: number;
    disadvantaged_at_expected: number;
  }>(
    db,
    sql`
    with p as (
      select urn, pupil_id, bool_or(stuck) as stuck, bool_and(progress >= 0) as on_track,
             bool_and(at_expected) and count(*) = 3 as at_expected, avg(progress) as progress,
             bool_or(disadvantaged) as disadvantaged
      from progress.pupil_results
      where urn in (${list(urns)}) and academic_year = ${year} and subject in ('READING', 'WRITING', 'MATHS')
      group by urn, pupil_id
    ), planned as (
      select distinct pupil_id from progress.progress_plans
      where urn in (${list(urns)}) and (closed_on is null or closed_on >= make_date(${year}, 9, 1))
    )
    select d.urn, d.la_code, d.trust_id,
      count(p.pupil_id)::int as pupils,
      (count(*) filter (where p.stuck))::int as stuck,
      (count(*) filter (where p.stuck and pl.pupil_id is null))::int as stuck_without_plan,
      (count(*) filter (where p.on_track))::int as on_track,
      (count(*) filter (where p.at_expected))::int as at_expected,
      sum(p.progress)::float8 as progress_sum,
      (count(*) filter (where p.disadvantaged))::int as disadvantaged,
      (count(*) filter (where p.disadvantaged and p.at_expected))::int as disadvantaged_at_expected
    from progress.school_directory d
    left join p on p.urn = d.urn
    left join planned pl on pl.pupil_id = p.pupil_id
    where d.urn in (${list(urns)})
    group by d.urn, d.la_code, d.trust_id`,
  );
  return inKeyOrder(
    urns,
    rows.map(
      (r): SchoolProgressRow => ({
        urn: r.urn,
        laCode: r.la_code,
        trustId: r.trust_id,
        pupils: r.pupils,
        stuck: r.stuck,
        stuckWithoutPlan: r.stuck_without_plan,
        onTrack: r.on_track,
        atExpected: r.at_expected,
        progressSum: Number(r.progress_sum ?? 0),
        disadvantaged: r.disadvantaged,
        disadvantagedAtExpected: r.disadvantaged_at_expected,
      }),
    ),
    (r) => r.urn,
  );
}

export interface PupilRow {
  id: string;
  urn: number;
  upn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: string;
  ethnicity: string;
  sen: string;
  eal: boolean;
  lookedAfter: boolean;
  disadvantaged: boolean;
  receptionYear: number;
  onRollFrom: number;
  onRollTo: number;
  learningGuideId: string | null;
  laCode: string;
  trustId: string | null;
  /** The academic year the pupil was listed for, if listed for one (gives the default year group). */
  listedYear?: number;
}

export const PUPIL_COLUMNS =
  sql.raw(`p.id, p.urn, p.upn, p.given_name, p.family_name, p.date_of_birth::text as date_of_birth,
  p.sex, p.ethnicity, p.sen, p.eal, p.looked_after, p.disadvantaged, p.reception_year, p.on_roll_from, p.on_roll_to,
  p.learning_guide_id, d.la_code, d.trust_id`);

export type RawPupil = Record<string, unknown>;
export const toPupil = (r: RawPupil): PupilRow => ({
  id: r.id as string,
  urn: Number(r.urn),
  upn: r.upn as string,
  givenName: r.given_name as string,
  familyName: r.family_name as string,
  dateOfBirth: r.date_of_birth as string,
  sex: r.sex as string,
  ethnicity: r.ethnicity as string,
  sen: r.sen as string,
  eal: r.eal as boolean,
  lookedAfter: r.looked_after as boolean,
  disadvantaged: r.disadvantaged as boolean,
  receptionYear: Number(r.reception_year),
  onRollFrom: Number(r.on_roll_from),
  onRollTo: Number(r.on_roll_to),
  learningGuideId: (r.learning_guide_id as string | null) ?? null,
  laCode: r.la_code as string,
  trustId: (r.trust_id as string | null) ?? null,
});

/** Pupils by id, each with their school's LA and trust for the access check: one query. */
export async function pupilsByIds(db: Db, ids: readonly string[]) {
  const rows = await queryRows<RawPupil>(
    db,
    sql`select ${PUPIL_COLUMNS} from progress.pupils p join progress.school_directory d on d.urn = p.urn
        where p.id in (${list(ids)})`,
  );
  return inKeyOrder(ids, rows.map(toPupil), (r) => r.id);
}

/** Each carer's linked pupils (from the read-only copy of carer links): one query. */
export async function childrenOfCarers(db: Db, carerIds: readonly string[]): Promise<ReadonlySet<string>[]> {
  const rows = await queryRows<{ carer_id: string; pupil_id: string }>(
    db,
    sql`select carer_id, pupil_id from progress.carer_links where carer_id in (${list(carerIds)})`,
  );
  const byCarer = new Map<string, Set<string>>();
  for (const r of rows) byCarer.set(r.carer_id, (byCarer.get(r.carer_id) ?? new Set()).add(r.pupil_id));
  return carerIds.map((id) => byCarer.get(id) ?? new Set());
}

export async function pupilsOfGuide(db: Db, staffId: string, urn: number) {
  const rows = await queryRows<RawPupil>(
    db,
    sql`select ${PUPIL_COLUMNS} from progress.pupils p join progress.school_directory d on d.urn = p.urn
        where p.learning_guide_id = ${staffId} and p.urn = ${urn} order by p.id`,
  );
  return rows.map(toPupil);
}

/** One page of stuck pupils for each of several schools, in id order (a window per school). */
export async function stuckPupilPages(
  db: Db,
  urns: readonly number[],
  year: number,
  limit: number,
  afterId: string | undefined,
) {
  const rows = await queryRows<RawPupil>(
    db,
    sql`
    with stuck as (
      select distinct pupil_id, urn from progress.pupil_results
      where urn in (${list(urns)}) and academic_year = ${year} and stuck
        and (${afterId ?? null}::text is null or pupil_id > ${afterId ?? null}::text)
    ), ranked as (
      select pupil_id, row_number() over (partition by urn order by pupil_id) as n from stuck
    )
    select ${PUPIL_COLUMNS} from ranked r
    join progress.pupils p on p.id = r.pupil_id
    join progress.school_directory d on d.urn = p.urn
    where r.n <= ${limit + 1}
    order by p.id`,
  );
  return groupedInKeyOrder(
    urns,
    rows.map((r) => ({ ...toPupil(r), listedYear: year })),
    (p) => p.urn,
  );
}

export async function stuckPupilCounts(db: Db, urns: readonly number[], year: number) {
  const rows = await queryRows<{ urn: number; n: number }>(
    db,
    sql`select urn, count(distinct pupil_id)::int as n from progress.pupil_results
        where urn in (${list(urns)}) and academic_year = ${year} and stuck group by urn`,
  );
  return inKeyOrder(urns, rows, (r) => r.urn).map((r) => r?.n ?? 0);
}

export interface GroupStats {
  group: string;
  n: number;
  atExpected: number;
  progressSum: number;
  stuck: number;
}

/** Per scope (school, trust or LA) and group: cohort, at expected, progress and stuck. One query. */
export async function groupStats(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  year: number,
  subject: string,
  by: GapDimension,
) {
  const rows = await queryRows<{
    scope_id: string;
    grp: string;
    n: number;
    at_expected: number;
    progress_sum: number;
    stuck: number;
  }>(
    db,
    sql`select ${SCOPE_COLUMN[scope]} as scope_id, ${DIMENSIONS[by].group} as grp, count(*)::int as n,
          (count(*) filter (where at_expected))::int as at_expected, sum(progress)::float8 as progress_sum,
          (count(*) filter (where stuck))::int as stuck
        from progress.pupil_results
        where ${SCOPE_FILTER[scope]} in (${scopeValues(scope, ids)}) and academic_year = ${year} and subject = ${subject}
        group by 1, 2 order by 1, 2`,
  );
  return groupedInKeyOrder(
    ids,
    rows.map((r) => ({
      scopeId: String(r.scope_id),
      group: r.grp,
      n: r.n,
      atExpected: r.at_expected,
      progressSum: Number(r.progress_sum),
      stuck: r.stuck,
    })),
    (r) => r.scopeId,
  );
}

export interface TrendStats {
  academicYear: number;
  focus: number;
  rest: number;
  focusAtExpected: number;
  restAtExpected: number;
  /** Mean scaled rank (0–1) of each side, pupils ranked within their year group; see rules/gap-index.ts. */
  focusRank: number | null;
  restRank: number | null;
}

/**
 * Per scope and year from `fromYear`: each side's cohort, how many are at the expected standard, and its
 * mean scaled rank (ties share their mean rank) — the inputs of the gap and the DfE gap index. One query.
 */
export async function trendStats(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  subject: string,
  by: GapDimension,
  fromYear: number,
) {
  const focus = DIMENSIONS[by].focus ?? sql.raw('false');
  const col = SCOPE_COLUMN[scope];
  const rows = await queryRows<{
    scope_id: string;
    academic_year: number;
    focus: number;
    rest: number;
    focus_at_expected: number;
    rest_at_expected: number;
    focus_rank: number | null;
    rest_rank: number | null;
  }>(
    db,
    sql`
    select scope_id, academic_year,
      (count(*) filter (where focus))::int as focus, (count(*) filter (where not focus))::int as rest,
      (count(*) filter (where focus and at_expected))::int as focus_at_expected,
      (count(*) filter (where not focus and at_expected))::int as rest_at_expected,
      (avg(scaled) filter (where focus))::float8 as focus_rank,
      (avg(scaled) filter (where not focus))::float8 as rest_rank
    from (
      select ${col} as scope_id, academic_year, at_expected, ${focus} as focus,
        (rank() over w + (count(*) over (partition by ${col}, academic_year, year_group, attainment) - 1) / 2.0 - 0.5)
          / count(*) over (partition by ${col}, academic_year, year_group) as scaled
      from progress.pupil_results
      where ${SCOPE_FILTER[scope]} in (${scopeValues(scope, ids)}) and subject = ${subject} and academic_year >= ${fromYear}
      window w as (partition by ${col}, academic_year, year_group order by attainment)
    ) ranked
    group by scope_id, academic_year order by scope_id, academic_year`,
  );
  return groupedInKeyOrder(
    ids,
    rows.map((r) => ({
      scopeId: String(r.scope_id),
      academicYear: Number(r.academic_year),
      focus: r.focus,
      rest: r.rest,
      focusAtExpected: r.focus_at_expected,
      restAtExpected: r.rest_at_expected,
      focusRank: r.focus_rank === null ? null : Number(r.focus_rank),
      restRank: r.rest_rank === null ? null : Number(r.rest_rank),
    })),
    (r) => r.scopeId,
  );
}

export interface PlanRow {
  id: string;
  pupilId: string;
  urn: number;
  barriers: string;
  actions: string;
  ownerId: string;
  startedOn: string;
  reviewOn: string;
  closedOn: string | null;
}

const PLAN_COLUMNS = sql.raw(`id, pupil_id, urn, barriers, actions, owner_id, started_on::text as started_on,
  review_on::text as review_on, closed_on::text as closed_on`);
const toPlan = (r: Record<string, unknown>): PlanRow => ({
  id: r.id as string,
  pupilId: r.pupil_id as string,
  urn: Number(r.urn),
  barriers: r.barriers as string,
  actions: r.actions as string,
  ownerId: r.owner_id as string,
  startedOn: r.started_on as string,
  reviewOn: r.review_on as string,
  closedOn: (r.closed_on as string | null) ?? null,
});

/** Plans of each pupil, newest first. */
export async function plansByPupils(db: Db, ids: readonly string[]) {
  const rows = await queryRows(
    db,
    sql`select ${PLAN_COLUMNS} from progress.progress_plans where pupil_id in (${list(ids)})
        order by started_on desc, id desc`,
  );
  return groupedInKeyOrder(ids, rows.map(toPlan), (r) => r.pupilId);
}

export async function planById(db: Db, id: string) {
  const rows = await queryRows(db, sql`select ${PLAN_COLUMNS} from progress.progress_plans where id = ${id}`);
  return rows[0] ? toPlan(rows[0]) : null;
}

export async function resultsByPupils(db: Db, ids: readonly string[], year: number) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select pupil_id, subject, academic_year, year_group, attainment, at_expected, progress, stuck, stuck_reason
        from progress.pupil_results where pupil_id in (${list(ids)}) and academic_year = ${year} order by subject`,
  );
  return groupedInKeyOrder(
    ids,
    rows.map((r) => ({
      pupilId: r.pupil_id as string,
      subject: r.subject as string,
      academicYear: Number(r.academic_year),
      yearGroup: Number(r.year_group),
      attainment: Number(r.attainment),
      atExpected: r.at_expected as boolean,
      progress: Number(r.progress),
      stuck: r.stuck as boolean,
      stuckReason: (r.stuck_reason as string | null) ?? null,
    })),
    (r) => r.pupilId,
  );
}

export async function assessmentsByPupils(db: Db, ids: readonly string[]) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select pupil_id, subject, kind, assessed_on::text as assessed_on, academic_year, scale_id, grade, points
        from progress.assessments where pupil_id in (${list(ids)}) order by assessed_on desc, subject, kind`,
  );
  return groupedInKeyOrder(
    ids,
    rows.map((r) => ({
      pupilId: r.pupil_id as string,
      subject: r.subject as string,
      kind: r.kind as string,
      assessedOn: r.assessed_on as string,
      academicYear: Number(r.academic_year),
      scale: r.scale_id as string,
      grade: r.grade as string,
      points: Number(r.points),
    })),
    (r) => r.pupilId,
  );
}

export interface TargetRow {
  id: string;
  pupilId: string;
  urn: number;
  kind: string;
  area: string;
  description: string;
  setOn: string;
  achievedOn: string | null;
}

const toTarget = (r: Record<string, unknown>): TargetRow => ({
  id: r.id as string,
  pupilId: r.pupil_id as string,
  urn: Number(r.urn),
  kind: r.kind as string,
  area: r.area as string,
  description: r.description as string,
  setOn: r.set_on as string,
  achievedOn: (r.achieved_on as string | null) ?? null,
});
const TARGET_COLUMNS = sql.raw(
  'id, pupil_id, urn, kind, area, description, set_on::text as set_on, achieved_on::text as achieved_on',
);

export async function targetsByPupils(db: Db, ids: readonly string[]) {
  const rows = await queryRows(
    db,
    sql`select ${TARGET_COLUMNS} from progress.learning_targets where pupil_id in (${list(ids)}) order by set_on, id`,
  );
  return groupedInKeyOrder(ids, rows.map(toTarget), (r) => r.pupilId);
}

export async function targetById(db: Db, id: string) {
  const rows = await queryRows(
    db,
    sql`select ${TARGET_COLUMNS} from progress.learning_targets where id = ${id}`,
  );
  return rows[0] ? toTarget(rows[0]) : null;
}

export async function ratingsByTargets(db: Db, ids: readonly string[]) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select target_id, rated_on::text as rated_on, rating, rated_by from progress.target_ratings
        where target_id in (${list(ids)}) order by rated_on`,
  );
  return groupedInKeyOrder(
    ids,
    rows.map((r) => ({
      targetId: r.target_id as string,
      ratedOn: r.rated_on as string,
      rating: Number(r.rating),
      ratedBy: r.rated_by as string,
    })),
    (r) => r.targetId,
  );
}

export interface ReviewRow {
  id: string;
  pupilId: string;
  reviewerId: string;
  heldOn: string;
  notes: string;
  nextReviewOn: string;
}

const toReview = (r: Record<string, unknown>): ReviewRow => ({
  id: r.id as string,
  pupilId: r.pupil_id as string,
  reviewerId: r.reviewer_id as string,
  heldOn: r.held_on as string,
  notes: r.notes as string,
  nextReviewOn: r.next_review_on as string,
});

/** Reviews of each pupil, newest first. */
export async function reviewsByPupils(db: Db, ids: readonly string[]) {
  const rows = await queryRows(
    db,
    sql`select id, pupil_id, reviewer_id, held_on::text as held_on, notes, next_review_on::text as next_review_on
        from progress.reviews where pupil_id in (${list(ids)}) order by held_on desc, id desc`,
  );
  return groupedInKeyOrder(ids, rows.map(toReview), (r) => r.pupilId);
}

export async function allScales(db: Db) {
  const rows = await queryRows<{ id: string; name: string; grade: string; points: number }>(
    db,
    sql`select s.id, s.name, g.grade, g.points from progress.scales s join progress.scale_grades g on g.scale_id = s.id
        order by s.id, g.points, g.grade`,
  );
  const byId = new Map<string, { id: string; name: string; grades: { grade: string; points: number }[] }>();
  for (const r of rows) {
    const scale = byId.get(r.id) ?? { id: r.id, name: r.name, grades: [] };
    scale.grades.push({ grade: r.grade, points: Number(r.points) });
    byId.set(r.id, scale);
  }
  return [...byId.values()];
}

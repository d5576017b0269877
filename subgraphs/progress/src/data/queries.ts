import { type Db, queryRows } from '@commonroom/db';
import { groupedInKeyOrder, inKeyOrder } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import type { SchoolPlace } from './access.ts';
import { list } from './scope.ts';

export {
  type GapDimension,
  hasFocusGroup,
  list,
  SCOPE_COLUMN,
  SCOPE_FILTER,
  type Scope,
  scopeValues,
} from './scope.ts';
export {
  type GroupStats,
  groupStats,
  type SchoolProgressRow,
  type ScopeGroups,
  schoolProgress,
  scopeGroups,
  stuckPupilCounts,
  type TrendStats,
  trendStats,
} from './summaries.ts';

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
  /** Schools the pupil moved from, each with its leaving date: their staff keep access until then. */
  formerPlaces: FormerPlace[];
}

export interface FormerPlace {
  urn: number;
  laCode: string;
  trustId: string | null;
  /** The leaving date (ISO): access ends after it. */
  until: string;
}

export const PUPIL_COLUMNS =
  sql.raw(`p.id, p.urn, p.upn, p.given_name, p.family_name, p.date_of_birth::text as date_of_birth,
  p.sex, p.ethnicity, p.sen, p.eal, p.looked_after, p.disadvantaged, p.reception_year, p.on_roll_from, p.on_roll_to,
  p.learning_guide_id, d.la_code, d.trust_id,
  (select json_agg(json_build_object('urn', m.from_urn, 'laCode', md.la_code, 'trustId', md.trust_id,
      'until', m.leaving_date::text))
    from progress.pupil_moves m join progress.school_directory md on md.urn = m.from_urn
    where m.pupil_id = p.id) as former_places`);

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
  formerPlaces:
    typeof r.former_places === 'string'
      ? (JSON.parse(r.former_places) as FormerPlace[])
      : ((r.former_places as FormerPlace[] | null) ?? []),
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

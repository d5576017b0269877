import type { Viewer } from '@commonroom/auth';
import type { Db } from '@commonroom/db';
import { groupedInKeyOrder, inKeyOrder } from '@commonroom/subgraph-kit';
import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  inArray,
  type SQL,
  sql,
} from 'drizzle-orm';
import { type CpdTotals, cpdFigures } from '../rules/cpd.ts';
import {
  adoptions,
  consultancyEngagements,
  cpdActivities,
  expertProfiles,
  practices,
  practiceVersions,
  schoolDirectory,
  skillRequests,
} from './tables.ts';
import { visiblePractices } from './visibility.ts';

const { searchVector: _searchVector, ...PRACTICE_COLUMNS } = getTableColumns(practices);

export type PracticeRow = Omit<typeof practices.$inferSelect, 'searchVector'>;
export type PracticeVersionRow = typeof practiceVersions.$inferSelect;
export type AdoptionRow = typeof adoptions.$inferSelect;
export type CpdActivityRow = typeof cpdActivities.$inferSelect;
export type ExpertRow = typeof expertProfiles.$inferSelect;
export type SkillRequestRow = typeof skillRequests.$inferSelect;
export type ConsultancyRow = typeof consultancyEngagements.$inferSelect;
export type DirectoryRow = typeof schoolDirectory.$inferSelect;
export type PracticeStatus = PracticeRow['status'];

export async function directoryByUrns(db: Db, urns: readonly number[]) {
  const rows = await db
    .select()
    .from(schoolDirectory)
    .where(inArray(schoolDirectory.urn, [...urns]));
  return inKeyOrder(urns, rows, (r) => r.urn);
}

/** Practices by id as the viewer may see them: null for a missing id and for one they may not see alike. */
export async function visiblePracticesByIds(db: Db, viewer: Viewer, ids: readonly string[]) {
  const rows = await db
    .select(PRACTICE_COLUMNS)
    .from(practices)
    .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
    .where(and(inArray(practices.id, [...ids]), visiblePractices(viewer)));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export interface PracticeFilter {
  phase?: string | null;
  subject?: string | null;
  keyStage?: string | null;
  pupilGroup?: string | null;
  strand?: string | null;
  trust?: string | null;
  localAuthority?: string | null;
  school?: number | null;
  statuses?: PracticeStatus[] | null;
}

function filterConditions(filter: PracticeFilter): SQL[] {
  const conditions: SQL[] = [
    inArray(practices.status, filter.statuses?.length ? filter.statuses : ['PUBLISHED']),
  ];
  if (filter.phase) conditions.push(arrayContains(practices.phases, [filter.phase as 'PRIMARY']));
  if (filter.subject) conditions.push(arrayContains(practices.subjects, [filter.subject.toUpperCase()]));
  if (filter.keyStage) conditions.push(arrayContains(practices.keyStages, [filter.keyStage as 'KS1']));
  if (filter.pupilGroup) conditions.push(arrayContains(practices.pupilGroups, [filter.pupilGroup as 'ALL']));
  if (filter.strand) conditions.push(eq(practices.strandId, filter.strand));
  if (filter.trust) conditions.push(eq(schoolDirectory.trustId, filter.trust));
  if (filter.localAuthority) conditions.push(eq(schoolDirectory.laCode, filter.localAuthority));
  if (filter.school != null) conditions.push(eq(practices.urn, filter.school));
  return conditions;
}

/** A search's position: rank (6 decimal places, as text so it round-trips exactly) and id. */
export type SearchKey = [string, string];

export const isSearchKey = (value: unknown): value is SearchKey =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  /^\d+(\.\d+)?$/.test(value[0]) &&
  typeof value[1] === 'string';

const query = (text: string) => sql`websearch_to_tsquery('english', ${text})`;

/**
 * One page of the catalogue for the viewer: full-text matches ranked by `ts_rank` (ties by id), or every
 * practice in id order (rank 0) without search text. Keyset paging on (rank, id).
 */
export async function searchPractices(
  db: Db,
  viewer: Viewer,
  search: string | null,
  filter: PracticeFilter,
  limit: number,
  after: SearchKey | undefined,
) {
  const rank = search
    ? sql<string>`round(ts_rank(${practices.searchVector}, ${query(search)})::numeric, 6)`
    : sql<string>`0::numeric`;
  const conditions = [visiblePractices(viewer), ...filterConditions(filter)];
  if (search) conditions.push(sql`${practices.searchVector} @@ ${query(search)}`);
  if (after)
    conditions.push(
      sql`(${rank} < ${after[0]}::numeric or (${rank} = ${after[0]}::numeric and ${practices.id} > ${after[1]}))`,
    );
  const rows = await db
    .select({ ...PRACTICE_COLUMNS, rank: sql<string>`${rank}::text` })
    .from(practices)
    .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
    .where(and(...conditions))
    .orderBy(desc(rank), asc(practices.id))
    .limit(limit + 1);
  return rows;
}

export async function countPractices(db: Db, viewer: Viewer, search: string | null, filter: PracticeFilter) {
  const conditions = [visiblePractices(viewer), ...filterConditions(filter)];
  if (search) conditions.push(sql`${practices.searchVector} @@ ${query(search)}`);
  const [row] = await db
    .select({ n: count() })
    .from(practices)
    .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
    .where(and(...conditions));
  return row?.n ?? 0;
}

/** A school's list position: creation time (ISO) and id, newest first. */
export type SchoolPracticeKey = [string, string];
export const isSchoolPracticeKey = (value: unknown): value is SchoolPracticeKey =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  !Number.isNaN(Date.parse(value[0])) &&
  typeof value[1] === 'string';

function schoolListConditions(viewer: Viewer, urns: readonly number[], includeRetired: boolean) {
  return and(
    inArray(practices.urn, [...urns]),
    visiblePractices(viewer),
    includeRetired ? undefined : sql`${practices.status} <> 'RETIRED'`,
  );
}

/** One page of practices for each of several schools in one statement (a window per school). */
export async function practicePagesBySchools(
  db: Db,
  viewer: Viewer,
  urns: readonly number[],
  args: { limit: number; after: SchoolPracticeKey | undefined; includeRetired: boolean },
) {
  const after = args.after
    ? sql`(${practices.createdAt}, ${practices.id}) < (${args.after[0]}::timestamptz, ${args.after[1]})`
    : undefined;
  const ranked = db
    .select({
      ...PRACTICE_COLUMNS,
      position:
        sql<number>`row_number() over (partition by ${practices.urn} order by ${practices.createdAt} desc, ${practices.id} desc)`.as(
          'position',
        ),
    })
    .from(practices)
    .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
    .where(and(schoolListConditions(viewer, urns, args.includeRetired), after))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(sql`${ranked.position} <= ${args.limit + 1}`)
    .orderBy(desc(ranked.createdAt), desc(ranked.id));
  return groupedInKeyOrder(
    urns,
    rows.map(({ position: _position, ...row }) => row as PracticeRow),
    (r) => r.urn,
  );
}

export async function practiceCountsBySchools(
  db: Db,
  viewer: Viewer,
  urns: readonly number[],
  args: { includeRetired: boolean },
) {
  const rows = await db
    .select({ urn: practices.urn, n: count() })
    .from(practices)
    .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
    .where(schoolListConditions(viewer, urns, args.includeRetired))
    .groupBy(practices.urn);
  return inKeyOrder(urns, rows, (r) => r.urn).map((r) => r?.n ?? 0);
}

export async function versionsByPractices(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(practiceVersions)
    .where(inArray(practiceVersions.practiceId, [...ids]))
    .orderBy(asc(practiceVersions.version));
  return groupedInKeyOrder(ids, rows, (r) => r.practiceId);
}

/** Adoptions of practices the caller already sees (the parent practice was loaded through the rule). */
export async function adoptionsByPractices(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(adoptions)
    .where(inArray(adoptions.practiceId, [...ids]))
    .orderBy(asc(adoptions.startedOn), asc(adoptions.id));
  return groupedInKeyOrder(ids, rows, (r) => r.practiceId);
}

const ADOPTION_COLUMNS = getTableColumns(adoptions);

/** Adoptions by id, visible when their practice is. */
export async function visibleAdoptionsByIds(db: Db, viewer: Viewer, ids: readonly string[]) {
  const rows = await db
    .select(ADOPTION_COLUMNS)
    .from(adoptions)
    .innerJoin(practices, eq(practices.id, adoptions.practiceId))
    .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
    .where(and(inArray(adoptions.id, [...ids]), visiblePractices(viewer)));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function visibleAdoptionsBySchools(db: Db, viewer: Viewer, urns: readonly number[]) {
  const rows = await db
    .select(ADOPTION_COLUMNS)
    .from(adoptions)
    .innerJoin(practices, eq(practices.id, adoptions.practiceId))
    .innerJoin(schoolDirectory, eq(schoolDirectory.urn, practices.urn))
    .where(and(inArray(adoptions.urn, [...urns]), visiblePractices(viewer)))
    .orderBy(desc(adoptions.startedOn), asc(adoptions.id));
  return groupedInKeyOrder(urns, rows, (r) => r.urn);
}

export interface EvidenceRow {
  practiceId: string;
  /** The adoptions' cohorts, in adoption id order, for the progress subgraph to measure. */
  adoptionCohortIds: string[];
  adoptions: number;
  schools: number;
  schoolsOutsideTrust: number;
}

/**
 * Adoption counts per practice (how many, in how many schools, how many outside the publisher's trust) and
 * the adoptions' cohort ids: one query for any number of practices. Visibility is the caller's to check.
 */
export async function adoptionEvidenceByPractices(db: Db, ids: readonly string[]): Promise<EvidenceRow[]> {
  const rows = await db
    .select({
      practiceId: adoptions.practiceId,
      adoptionCohortIds: sql<string[]>`array_agg(${adoptions.cohortId} order by ${adoptions.id})`,
      adoptions: count(),
      schools: sql<number>`count(distinct ${adoptions.urn})::int`,
      schoolsOutsideTrust: sql<number>`count(distinct ${adoptions.urn}) filter (where adopter.trust_id is distinct from publisher.trust_id or publisher.trust_id is null)::int`,
    })
    .from(adoptions)
    .innerJoin(practices, eq(practices.id, adoptions.practiceId))
    .innerJoin(sql`practice.school_directory publisher`, sql`publisher.urn = ${practices.urn}`)
    .innerJoin(sql`practice.school_directory adopter`, sql`adopter.urn = ${adoptions.urn}`)
    .where(inArray(adoptions.practiceId, [...ids]))
    .groupBy(adoptions.practiceId);
  return inKeyOrder(ids, rows, (r) => r.practiceId).map(
    (r, i) =>
      r ?? {
        practiceId: ids[i] as string,
        adoptionCohortIds: [],
        adoptions: 0,
        schools: 0,
        schoolsOutsideTrust: 0,
      },
  );
}

const totalsColumns = {
  activities: sql<number>`count(*)::int`,
  hours: sql<number>`coalesce(sum(${cpdActivities.hours}), 0)::float8`,
  schoolBasedHours: sql<number>`coalesce(sum(${cpdActivities.hours}) filter (where ${cpdActivities.schoolBased}), 0)::float8`,
  teamHours: sql<number>`coalesce(sum(${cpdActivities.hours}) filter (where ${cpdActivities.inTeam}), 0)::float8`,
  assessmentForLearningHours: sql<number>`coalesce(sum(${cpdActivities.hours}) filter (where ${cpdActivities.focus} = 'ASSESSMENT_FOR_LEARNING'), 0)::float8`,
};
const NO_CPD: CpdTotals = {
  activities: 0,
  hours: 0,
  schoolBasedHours: 0,
  teamHours: 0,
  assessmentForLearningHours: 0,
};

/** CPD figures for several schools in one academic year, in one statement. */
export async function cpdBySchools(db: Db, urns: readonly number[], academicYear: number) {
  const [totals, directory] = await Promise.all([
    db
      .select({ urn: cpdActivities.urn, ...totalsColumns })
      .from(cpdActivities)
      .where(and(inArray(cpdActivities.urn, [...urns]), eq(cpdActivities.academicYear, academicYear)))
      .groupBy(cpdActivities.urn),
    directoryByUrns(db, urns),
  ]);
  const byUrn = inKeyOrder(urns, totals, (r) => r.urn);
  return urns.map((_, i) => ({
    academicYear,
    ...cpdFigures(byUrn[i] ?? NO_CPD, directory[i]?.teachers ?? null),
  }));
}

/** CPD figures for several trusts (all their schools together) in one academic year. */
export async function cpdByTrusts(db: Db, trustIds: readonly string[], academicYear: number) {
  const [totals, teachers] = await Promise.all([
    db
      .select({ trustId: schoolDirectory.trustId, ...totalsColumns })
      .from(cpdActivities)
      .innerJoin(schoolDirectory, eq(schoolDirectory.urn, cpdActivities.urn))
      .where(
        and(inArray(schoolDirectory.trustId, [...trustIds]), eq(cpdActivities.academicYear, academicYear)),
      )
      .groupBy(schoolDirectory.trustId),
    db
      .select({
        trustId: schoolDirectory.trustId,
        teachers: sql<number | null>`sum(${schoolDirectory.teachers})::int`,
      })
      .from(schoolDirectory)
      .where(inArray(schoolDirectory.trustId, [...trustIds]))
      .groupBy(schoolDirectory.trustId),
  ]);
  const totalsOf = inKeyOrder(trustIds, totals, (r) => r.trustId as string);
  const teachersOf = inKeyOrder(trustIds, teachers, (r) => r.trustId as string);
  return trustIds.map((_, i) => ({
    academicYear,
    ...cpdFigures(totalsOf[i] ?? NO_CPD, teachersOf[i]?.teachers ?? null),
  }));
}

export async function cpdActivitiesBySchools(db: Db, urns: readonly number[], academicYear: number) {
  const rows = await db
    .select()
    .from(cpdActivities)
    .where(and(inArray(cpdActivities.urn, [...urns]), eq(cpdActivities.academicYear, academicYear)))
    .orderBy(asc(cpdActivities.startedOn), asc(cpdActivities.id));
  return groupedInKeyOrder(urns, rows, (r) => r.urn);
}

export const allExperts = (db: Db) => db.select().from(expertProfiles).orderBy(asc(expertProfiles.id));

export async function skillRequestsByIds(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(skillRequests)
    .where(inArray(skillRequests.id, [...ids]));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function skillRequestsBySchools(db: Db, urns: readonly number[]) {
  const rows = await db
    .select()
    .from(skillRequests)
    .where(inArray(skillRequests.urn, [...urns]))
    .orderBy(desc(skillRequests.createdAt), asc(skillRequests.id));
  return groupedInKeyOrder(urns, rows, (r) => r.urn);
}

export const skillRequestsWithStatus = (db: Db, status: SkillRequestRow['status']) =>
  db
    .select()
    .from(skillRequests)
    .where(eq(skillRequests.status, status))
    .orderBy(desc(skillRequests.createdAt), asc(skillRequests.id));

export async function consultanciesByIds(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(consultancyEngagements)
    .where(inArray(consultancyEngagements.id, [...ids]));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function consultanciesBySchools(db: Db, urns: readonly number[]) {
  const list = [...urns];
  const rows = await db
    .select()
    .from(consultancyEngagements)
    .where(
      sql`${inArray(consultancyEngagements.fromUrn, list)} or ${inArray(consultancyEngagements.toUrn, list)}`,
    )
    .orderBy(asc(consultancyEngagements.startedOn), asc(consultancyEngagements.id));
  return urns.map((urn) => rows.filter((r) => r.fromUrn === urn || r.toUrn === urn));
}

import { type Db, queryRows } from '@commonroom/db';
import { groupedInKeyOrder, inKeyOrder } from '@commonroom/subgraph-kit';
import { and, asc, count, eq, getTableColumns, gt, ilike, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { departments, localAuthorities, schools, staff, trusts } from './tables.ts';

export type SchoolRow = typeof schools.$inferSelect;
export type TrustRow = typeof trusts.$inferSelect;
export type LocalAuthorityRow = typeof localAuthorities.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type Phase = SchoolRow['phase'];
export type StaffRole = StaffRow['role'];

export interface SchoolFilter {
  phase?: Phase | null;
  localAuthority?: string | null;
  trust?: string | null;
  nameContains?: string | null;
}

function schoolConditions(filter: SchoolFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.phase) conditions.push(eq(schools.phase, filter.phase));
  if (filter.localAuthority) conditions.push(eq(schools.laCode, filter.localAuthority));
  if (filter.trust) conditions.push(eq(schools.trustId, filter.trust));
  if (filter.nameContains)
    conditions.push(ilike(schools.name, `%${filter.nameContains.replace(/[\\%_]/g, '\\$&')}%`));
  return and(...conditions);
}

export async function schoolsByUrns(db: Db, urns: readonly number[]) {
  const rows = await db
    .select()
    .from(schools)
    .where(inArray(schools.urn, [...urns]));
  return inKeyOrder(urns, rows, (r) => r.urn);
}

export async function schoolsPage(db: Db, filter: SchoolFilter, limit: number, afterUrn: number | undefined) {
  const where = and(schoolConditions(filter), afterUrn === undefined ? undefined : gt(schools.urn, afterUrn));
  return db
    .select()
    .from(schools)
    .where(where)
    .orderBy(asc(schools.urn))
    .limit(limit + 1);
}

export async function countSchools(db: Db, filter: SchoolFilter) {
  const [row] = await db.select({ n: count() }).from(schools).where(schoolConditions(filter));
  return row?.n ?? 0;
}

/**
 * One page of schools for each of several LAs in one query (a window per LA), so a list of LAs each
 * showing `schools(first: N)` costs one round trip.
 */
export async function schoolPagesByLa(
  db: Db,
  laCodes: readonly string[],
  limit: number,
  afterUrn: number | undefined,
) {
  const ranked = db
    .select({
      ...getTableColumns(schools),
      rank: sql<number>`row_number() over (partition by ${schools.laCode} order by ${schools.urn})`.as(
        'rank',
      ),
    })
    .from(schools)
    .where(
      and(
        inArray(schools.laCode, [...laCodes]),
        afterUrn === undefined ? undefined : gt(schools.urn, afterUrn),
      ),
    )
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, limit + 1))
    .orderBy(asc(ranked.urn));
  return groupedInKeyOrder(
    laCodes,
    rows.map(({ rank: _rank, ...school }) => school as SchoolRow),
    (s) => s.laCode,
  );
}

export async function schoolCountsByLa(db: Db, laCodes: readonly string[]) {
  const rows = await db
    .select({ laCode: schools.laCode, n: count() })
    .from(schools)
    .where(inArray(schools.laCode, [...laCodes]))
    .groupBy(schools.laCode);
  return inKeyOrder(laCodes, rows, (r) => r.laCode).map((r) => r?.n ?? 0);
}

export async function schoolsByTrusts(db: Db, trustIds: readonly string[]) {
  const rows = await db
    .select()
    .from(schools)
    .where(inArray(schools.trustId, [...trustIds]))
    .orderBy(asc(schools.urn));
  return groupedInKeyOrder(trustIds, rows, (s) => s.trustId as string);
}

/**
 * Schools like each given one: same phase, nearest in size and disadvantage (each scaled to a comparable
 * range), the school itself excluded. One query for all the given schools (a lateral join).
 */
export async function similarSchools(db: Db, urns: readonly number[], limit: number) {
  const rows = await queryRows<{ for_urn: number; urn: number }>(
    db,
    sql`
    select target.urn as for_urn, near.urn
    from ${schools} as target
    cross join lateral (
      select other.urn from ${schools} as other
      where other.phase = target.phase and other.urn <> target.urn and other.status = 'OPEN'
      order by abs(ln((other.pupils_on_roll + 1) / (target.pupils_on_roll + 1)))
             + 4 * abs(other.percent_disadvantaged - target.percent_disadvantaged), other.urn
      limit ${limit}
    ) as near
    where target.urn in (${sql.join(
      urns.map((urn) => sql`${urn}`),
      sql`, `,
    )})
  `,
  );
  return groupedInKeyOrder(urns, rows, (r) => r.for_urn).map((group) => group.map((r) => r.urn));
}

export async function localAuthoritiesByCodes(db: Db, codes: readonly string[]) {
  const rows = await db
    .select()
    .from(localAuthorities)
    .where(inArray(localAuthorities.code, [...codes]));
  return inKeyOrder(codes, rows, (r) => r.code);
}

export async function allLocalAuthorities(db: Db) {
  return db.select().from(localAuthorities).orderBy(asc(localAuthorities.code));
}

export async function trustsByIds(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(trusts)
    .where(inArray(trusts.id, [...ids]));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function trustsPage(
  db: Db,
  region: string | undefined,
  limit: number,
  afterId: string | undefined,
) {
  return db
    .select()
    .from(trusts)
    .where(and(region ? eq(trusts.region, region) : undefined, afterId ? gt(trusts.id, afterId) : undefined))
    .orderBy(asc(trusts.id))
    .limit(limit + 1);
}

export async function countTrusts(db: Db, region: string | undefined) {
  const [row] = await db
    .select({ n: count() })
    .from(trusts)
    .where(region ? eq(trusts.region, region) : undefined);
  return row?.n ?? 0;
}

export async function staffByIds(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(staff)
    .where(inArray(staff.id, [...ids]));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function staffBySchools(db: Db, urns: readonly number[]) {
  const rows = await db
    .select()
    .from(staff)
    .where(inArray(staff.urn, [...urns]))
    .orderBy(asc(staff.id));
  return groupedInKeyOrder(urns, rows, (r) => r.urn);
}

export async function staffByDepartments(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(staff)
    .where(inArray(staff.departmentId, [...ids]))
    .orderBy(asc(staff.id));
  return groupedInKeyOrder(ids, rows, (r) => r.departmentId as string);
}

export async function departmentsByIds(db: Db, ids: readonly string[]) {
  const rows = await db
    .select()
    .from(departments)
    .where(inArray(departments.id, [...ids]));
  return inKeyOrder(ids, rows, (r) => r.id);
}

export async function departmentsBySchools(db: Db, urns: readonly number[]) {
  const rows = await db
    .select()
    .from(departments)
    .where(inArray(departments.urn, [...urns]))
    .orderBy(asc(departments.id));
  return groupedInKeyOrder(urns, rows, (r) => r.urn);
}

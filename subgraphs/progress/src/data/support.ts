import { type Db, queryRows } from '@commonroom/db';
import { groupedInKeyOrder, inKeyOrder } from '@commonroom/subgraph-kit';
import { type SQL, sql } from 'drizzle-orm';
import type { EntitlementReason } from '../rules/entitlement.ts';
import { list, SCOPE_COLUMN, SCOPE_FILTER, type Scope, scopeValues } from './queries.ts';

/** Reads for entitlements, providers, options and bookings; every one batched for a loader. */

export interface EntitlementRow {
  pupilId: string;
  academicYear: number;
  eligible: boolean;
  reasons: EntitlementReason[];
  budgetPence: number;
  /** Debits minus credits on the ledger. */
  spentPence: number;
}

/** What is left of an entitlement's budget, from the ledger: one statement, used inside a booking too. */
export const spentSql = (pupilId: SQL, year: SQL) =>
  sql`coalesce((select sum(case when l.kind = 'DEBIT' then l.amount_pence else -l.amount_pence end)
        from progress.support_ledger l where l.pupil_id = ${pupilId} and l.academic_year = ${year}), 0)::int`;

/** The entitlements of many pupils in one year, with what each has spent: one query. */
export async function entitlementsByPupils(db: Db, ids: readonly string[], year: number) {
  const rows = await queryRows<{
    pupil_id: string;
    academic_year: number;
    eligible: boolean;
    reasons: EntitlementReason[] | string;
    budget_pence: number;
    spent: number;
  }>(
    db,
    sql`select e.pupil_id, e.academic_year, e.eligible, e.reasons, e.budget_pence,
          ${spentSql(sql.raw('e.pupil_id'), sql.raw('e.academic_year'))} as spent
        from progress.entitlements e where e.pupil_id in (${list(ids)}) and e.academic_year = ${year}`,
  );
  return inKeyOrder(
    ids,
    rows.map(
      (r): EntitlementRow => ({
        pupilId: r.pupil_id,
        academicYear: Number(r.academic_year),
        eligible: r.eligible,
        reasons: typeof r.reasons === 'string' ? JSON.parse(r.reasons) : r.reasons,
        budgetPence: Number(r.budget_pence),
        spentPence: Number(r.spent),
      }),
    ),
    (r) => r.pupilId,
  );
}

/**
 * Whether option `o` is offered at school `urn` today: listed for the school, not withdrawn, and its
 * provider is the school itself or another school of its trust, or an external provider whose approval by
 * the school's trust is in force.
 */
/**
 * The key of a school's responsible body, as approvals and options store it: its trust's id, or `LA<code>` for
 * a school its LA maintains (auth `commissionsFor`).
 */
export const bodyKeySql = (directory: SQL) =>
  sql`coalesce(${directory}.trust_id, 'LA' || ${directory}.la_code)`;

export const offeredAtSql = (urn: SQL) => sql`(
  o.withdrawn_on is null
  and exists (select 1 from progress.support_option_schools os where os.option_id = o.id and os.urn = ${urn})
  and exists (
    select 1 from progress.providers p where p.id = o.provider_id and (
      (p.kind = 'SCHOOL' and (p.urn = ${urn} or exists (
        select 1 from progress.school_directory own join progress.school_directory d
          on ${bodyKeySql(sql.raw('d'))} = ${bodyKeySql(sql.raw('own'))}
        where own.urn = p.urn and d.urn = ${urn})))
      or exists (
        select 1 from progress.provider_approvals a join progress.school_directory d
          on ${bodyKeySql(sql.raw('d'))} = a.trust_id
        where a.provider_id = p.id and d.urn = ${urn} and a.approved_on <= current_date
          and (a.approved_until is null or a.approved_until >= current_date)))))`;

export interface OptionRow {
  id: string;
  providerId: string;
  providerName: string;
  title: string;
  description: string;
  subject: string | null;
  mode: string;
  costPence: number;
  capacity: number;
  /** Places taken by bookings in force. */
  booked: number;
  publishedBy: string | null;
  publishedOn: string;
  withdrawnOn: string | null;
}

const OPTION_COLUMNS =
  sql.raw(`o.id, o.provider_id, pr.name as provider_name, o.title, o.description, o.subject,
  o.mode, o.cost_pence, o.capacity, o.published_by, o.published_on::text as published_on,
  o.withdrawn_on::text as withdrawn_on,
  (select count(*) from progress.bookings b where b.option_id = o.id and b.status = 'BOOKED')::int as booked`);
const toOption = (r: Record<string, unknown>): OptionRow => ({
  id: r.id as string,
  providerId: r.provider_id as string,
  providerName: r.provider_name as string,
  title: r.title as string,
  description: r.description as string,
  subject: (r.subject as string | null) ?? null,
  mode: r.mode as string,
  costPence: Number(r.cost_pence),
  capacity: Number(r.capacity),
  booked: Number(r.booked),
  publishedBy: (r.published_by as string | null) ?? null,
  publishedOn: r.published_on as string,
  withdrawnOn: (r.withdrawn_on as string | null) ?? null,
});

/** The options offered today at each of many schools, cheapest first: one query. */
export async function optionsAtSchools(db: Db, urns: readonly number[]) {
  const rows = await queryRows(
    db,
    sql`select s.urn as at_urn, ${OPTION_COLUMNS}
        from progress.support_option_schools s
        join progress.support_options o on o.id = s.option_id
        join progress.providers pr on pr.id = o.provider_id
        where s.urn in (${list(urns)}) and ${offeredAtSql(sql.raw('s.urn'))}
        order by o.cost_pence, o.id`,
  );
  return groupedInKeyOrder(
    urns,
    rows.map((r) => ({ ...toOption(r), atUrn: Number(r.at_urn) })),
    (r) => r.atUrn,
  );
}

export async function optionsByIds(db: Db, ids: readonly string[]) {
  const rows = await queryRows(
    db,
    sql`select ${OPTION_COLUMNS} from progress.support_options o join progress.providers pr on pr.id = o.provider_id
        where o.id in (${list(ids)})`,
  );
  return inKeyOrder(ids, rows.map(toOption), (r) => r.id);
}

/** The schools each option is offered in, by URN. */
export async function schoolsOfOptions(db: Db, ids: readonly string[]) {
  const rows = await queryRows<{ option_id: string; urn: number }>(
    db,
    sql`select option_id, urn from progress.support_option_schools where option_id in (${list(ids)}) order by urn`,
  );
  return groupedInKeyOrder(ids, rows, (r) => r.option_id).map((g) => g.map((r) => Number(r.urn)));
}

export interface ProviderRow {
  id: string;
  name: string;
  kind: string;
  urn: number | null;
  description: string;
}

export async function providersByIds(db: Db, ids: readonly string[]) {
  const rows = await queryRows<{
    id: string;
    name: string;
    kind: string;
    urn: number | null;
    description: string;
  }>(db, sql`select id, name, kind, urn, description from progress.providers where id in (${list(ids)})`);
  return inKeyOrder(
    ids,
    rows.map((r): ProviderRow => ({ ...r, urn: r.urn === null ? null : Number(r.urn) })),
    (r) => r.id,
  );
}

export interface ApprovalRow {
  providerId: string;
  trustId: string;
  approvedOn: string;
  approvedUntil: string | null;
}

export async function approvalsOfProviders(db: Db, ids: readonly string[]) {
  const rows = await queryRows<{
    provider_id: string;
    trust_id: string;
    approved_on: string;
    approved_until: string | null;
  }>(
    db,
    sql`select provider_id, trust_id, approved_on::text as approved_on, approved_until::text as approved_until
        from progress.provider_approvals where provider_id in (${list(ids)}) order by trust_id`,
  );
  return groupedInKeyOrder(
    ids,
    rows.map(
      (r): ApprovalRow => ({
        providerId: r.provider_id,
        trustId: r.trust_id,
        approvedOn: r.approved_on,
        approvedUntil: r.approved_until,
      }),
    ),
    (r) => r.providerId,
  );
}

export interface BookingRow {
  id: string;
  pupilId: string;
  academicYear: number;
  urn: number;
  optionId: string;
  providerId: string;
  costPence: number;
  status: string;
  bookedAt: string;
  bookedBy: string;
  cancelledAt: string | null;
  cancelledBy: string | null;
  /** What a provider needs of the pupil, and no more: their name and year group. */
  learnerName: string;
  learnerYearGroup: number;
}

const BOOKING_COLUMNS = sql.raw(`b.id, b.pupil_id, b.academic_year, b.urn, b.option_id, b.provider_id,
  b.cost_pence, b.status, b.booked_at, b.booked_by, b.cancelled_at, b.cancelled_by,
  p.given_name || ' ' || p.family_name as learner_name, b.academic_year - p.reception_year as learner_year_group`);
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
const toBooking = (r: Record<string, unknown>): BookingRow => ({
  id: r.id as string,
  pupilId: r.pupil_id as string,
  academicYear: Number(r.academic_year),
  urn: Number(r.urn),
  optionId: r.option_id as string,
  providerId: r.provider_id as string,
  costPence: Number(r.cost_pence),
  status: r.status as string,
  bookedAt: iso(r.booked_at) as string,
  bookedBy: r.booked_by as string,
  cancelledAt: iso(r.cancelled_at),
  cancelledBy: (r.cancelled_by as string | null) ?? null,
  learnerName: r.learner_name as string,
  learnerYearGroup: Number(r.learner_year_group),
});

/** Each pupil's bookings in a year, newest first: one query. */
export async function bookingsByPupils(db: Db, ids: readonly string[], year: number) {
  const rows = await queryRows(
    db,
    sql`select ${BOOKING_COLUMNS} from progress.bookings b join progress.pupils p on p.id = b.pupil_id
        where b.pupil_id in (${list(ids)}) and b.academic_year = ${year} order by b.booked_at desc, b.id`,
  );
  return groupedInKeyOrder(ids, rows.map(toBooking), (r) => r.pupilId);
}

export async function bookingById(db: Db, id: string) {
  const rows = await queryRows(
    db,
    sql`select ${BOOKING_COLUMNS} from progress.bookings b join progress.pupils p on p.id = b.pupil_id
        where b.id = ${id}`,
  );
  return rows[0] ? toBooking(rows[0]) : null;
}

/** One page of a provider's bookings, in id order, and how many there are. */
export async function bookingsOfProvider(
  db: Db,
  providerId: string,
  limit: number,
  afterId: string | undefined,
) {
  const [rows, total] = await Promise.all([
    queryRows(
      db,
      sql`select ${BOOKING_COLUMNS} from progress.bookings b join progress.pupils p on p.id = b.pupil_id
          where b.provider_id = ${providerId} and (${afterId ?? null}::text is null or b.id > ${afterId ?? null}::text)
          order by b.id limit ${limit + 1}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from progress.bookings where provider_id = ${providerId}`,
    ),
  ]);
  return { rows: rows.map(toBooking), total: total[0]?.n ?? 0 };
}

/** Of the rows counted, how many have support booked (a booking in force that year). */
const ACCESSING = sql`(count(*) filter (where exists (
  select 1 from progress.bookings b
  where b.pupil_id = e.pupil_id and b.academic_year = e.academic_year and b.status = 'BOOKED')))::int as accessing`;

export interface SupportCountsRow {
  disadvantaged: boolean;
  sen: string;
  eligible: number;
  accessing: number;
}

/** Eligible pupils by `keys` (columns named as given), disadvantage and SEN, with how many access support. */
const eligibleRows = <R>(db: Db, scope: Scope, ids: readonly string[], year: number, keys: SQL, by: string) =>
  queryRows<R & { disadvantaged: boolean; sen: string; eligible: number; accessing: number }>(
    db,
    sql`select ${keys}, disadvantaged, sen, count(*)::int as eligible, ${ACCESSING}
        from progress.entitlements e
        where ${SCOPE_FILTER[scope]} in (${scopeValues(scope, ids)}) and academic_year = ${year} and eligible
        group by ${sql.raw(by)} order by ${sql.raw(by)}`,
  );

/**
 * Per scope (school, trust or LA): pupils eligible that year by disadvantage and SEN, and how many of them
 * have support booked (a booking in force that year). One query.
 */
export async function supportStats(db: Db, scope: Scope, ids: readonly string[], year: number) {
  const rows = await eligibleRows<{ scope_id: string }>(
    db,
    scope,
    ids,
    year,
    sql`${SCOPE_COLUMN[scope]} as scope_id`,
    '1, 2, 3',
  );
  return groupedInKeyOrder(
    ids,
    rows.map((r) => ({
      scopeId: String(r.scope_id),
      disadvantaged: r.disadvantaged,
      sen: r.sen,
      eligible: r.eligible,
      accessing: r.accessing,
    })),
    (r) => r.scopeId,
  );
}

/**
 * Per trust or LA: `supportStats` of each school now in it (entitlement rows carry the school's trust and LA),
 * so its take-up can be protected together with its schools'. One query for any number of trusts or LAs.
 */
export async function supportStatsOfSchools(
  db: Db,
  scope: Exclude<Scope, 'school'>,
  ids: readonly string[],
  year: number,
) {
  const rows = await eligibleRows<{ parent: string; urn: string }>(
    db,
    scope,
    ids,
    year,
    sql`${SCOPE_COLUMN[scope]} as parent, urn::text as urn`,
    '1, 2, 3, 4',
  );
  return groupedInKeyOrder(ids, rows, (r) => String(r.parent)).map((mine) => {
    const bySchool = new Map<string, SupportCountsRow[]>();
    for (const r of mine)
      bySchool.set(r.urn, [
        ...(bySchool.get(r.urn) ?? []),
        { disadvantaged: r.disadvantaged, sen: r.sen, eligible: r.eligible, accessing: r.accessing },
      ]);
    return [...bySchool].map(([id, counts]) => ({ id, counts }));
  });
}

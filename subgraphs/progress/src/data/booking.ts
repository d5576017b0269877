import { randomUUID } from 'node:crypto';
import type { ResponsibleBody } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import { bodyKeySql, offeredAtSql, spentSql } from './support.ts';

/**
 * Booking and cancelling support, so that whatever runs at once a budget is never overspent and an
 * option's places are never exceeded. Each runs in one transaction that first locks the entitlement row,
 * then the option row (SELECT … FOR UPDATE, always in that order, so two transactions cannot deadlock),
 * and only then reads what has been spent and booked: in READ COMMITTED each statement sees every
 * transaction that held the locks before it. A refusal writes nothing.
 */

export type Refusal = {
  ok: false;
  code: 'BAD_USER_INPUT' | 'CONFLICT';
  message: string;
  field?: string;
};
const refuse = (code: Refusal['code'], message: string, field?: string): Refusal => ({
  ok: false,
  code,
  message,
  ...(field ? { field } : {}),
});

const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

export async function bookSupport(
  db: Db,
  request: { pupilId: string; urn: number; academicYear: number; optionId: string; by: string },
): Promise<{ ok: true; bookingId: string } | Refusal> {
  return db.transaction(async (tx) => {
    const [entitlement] = await queryRows<{ eligible: boolean; budget_pence: number }>(
      tx,
      sql`select eligible, budget_pence from progress.entitlements
          where pupil_id = ${request.pupilId} and academic_year = ${request.academicYear} for update`,
    );
    if (!entitlement?.eligible)
      return refuse(
        'BAD_USER_INPUT',
        'This pupil is not entitled to additional support this year, so nothing can be booked.',
        'pupilId',
      );
    const [option] = await queryRows<{
      cost_pence: number;
      capacity: number;
      provider_id: string;
      offered: boolean;
    }>(
      tx,
      sql`select o.cost_pence, o.capacity, o.provider_id, ${offeredAtSql(sql`${request.urn}::int`)} as offered
          from progress.support_options o where o.id = ${request.optionId} for update of o`,
    );
    if (!option)
      return refuse('BAD_USER_INPUT', `No support option with id ${request.optionId}.`, 'optionId');
    if (!option.offered)
      return refuse('BAD_USER_INPUT', "This option is not offered at the pupil's school.", 'optionId');
    const cost = Number(option.cost_pence);
    const [state] = await queryRows<{ spent: number; booked: number }>(
      tx,
      sql`select ${spentSql(sql`${request.pupilId}`, sql`${request.academicYear}::smallint`)} as spent,
            (select count(*) from progress.bookings where option_id = ${request.optionId} and status = 'BOOKED')::int as booked`,
    );
    const spent = Number(state?.spent ?? 0);
    const budget = Number(entitlement.budget_pence);
    if (spent + cost > budget)
      return refuse(
        'CONFLICT',
        `Not enough left in the budget: ${pounds(budget - spent)} left, the option costs ${pounds(cost)}.`,
      );
    if (Number(state?.booked ?? 0) >= Number(option.capacity))
      return refuse('CONFLICT', `The option is full: all ${option.capacity} places are booked.`);
    const bookingId = `BK-${randomUUID()}`;
    await tx.execute(
      sql`insert into progress.bookings
            (id, pupil_id, academic_year, urn, option_id, provider_id, cost_pence, status, booked_by)
          values (${bookingId}, ${request.pupilId}, ${request.academicYear}, ${request.urn}, ${request.optionId},
            ${option.provider_id}, ${cost}, 'BOOKED', ${request.by})`,
    );
    await tx.execute(
      sql`insert into progress.support_ledger (pupil_id, academic_year, booking_id, kind, amount_pence, by)
          values (${request.pupilId}, ${request.academicYear}, ${bookingId}, 'DEBIT', ${cost}, ${request.by})`,
    );
    return { ok: true as const, bookingId };
  });
}

/** Cancels a booking in force: its place is freed and its cost credited back to the budget. */
export async function cancelBooking(
  db: Db,
  booking: { id: string; pupilId: string; academicYear: number; optionId: string },
  by: string,
): Promise<{ ok: true } | Refusal> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select 1 from progress.entitlements where pupil_id = ${booking.pupilId}
          and academic_year = ${booking.academicYear} for update`,
    );
    await tx.execute(sql`select 1 from progress.support_options where id = ${booking.optionId} for update`);
    const [current] = await queryRows<{ status: string; cost_pence: number }>(
      tx,
      sql`select status, cost_pence from progress.bookings where id = ${booking.id} for update`,
    );
    if (current?.status !== 'BOOKED') return refuse('CONFLICT', 'This booking has already been cancelled.');
    await tx.execute(
      sql`update progress.bookings set status = 'CANCELLED', cancelled_at = now(), cancelled_by = ${by}
          where id = ${booking.id}`,
    );
    await tx.execute(
      sql`insert into progress.support_ledger (pupil_id, academic_year, booking_id, kind, amount_pence, by)
          values (${booking.pupilId}, ${booking.academicYear}, ${booking.id}, 'CREDIT', ${Number(current.cost_pence)}, ${by})`,
    );
    return { ok: true as const };
  });
}

/** Approves a provider for a trust's schools (creating an external provider when no id is given). */
export async function approveProvider(
  db: Db,
  approval: {
    providerId?: string;
    name?: string;
    description?: string;
    /** The trust, or the LA for its maintained schools, approving it (its key is stored as `trust_id`). */
    body: ResponsibleBody;
    approvedOn: string;
    approvedUntil: string | null;
  },
) {
  return db.transaction(async (tx) => {
    const providerId = approval.providerId ?? `PR-${randomUUID()}`;
    if (!approval.providerId)
      await tx.execute(
        sql`insert into progress.providers (id, name, kind, urn, description)
            values (${providerId}, ${approval.name ?? ''}, 'EXTERNAL', null, ${approval.description ?? ''})`,
      );
    await tx.execute(
      sql`insert into progress.provider_approvals (provider_id, trust_id, approved_on, approved_until)
          values (${providerId}, ${approval.body.id}, ${approval.approvedOn}, ${approval.approvedUntil})
          on conflict (provider_id, trust_id) do update
          set approved_on = excluded.approved_on, approved_until = excluded.approved_until`,
    );
    return providerId;
  });
}

/** Whether a provider may offer options at a trust's schools today (approved by it, or one of them). */
/**
 * Whether a body may publish a provider's options: approved by it and in force today, or the provision of one
 * of its own schools (the trust's, or one the LA maintains).
 */
export async function providerUsableBy(db: Db, providerId: string, body: ResponsibleBody) {
  const [row] = await queryRows<{ ok: boolean }>(
    db,
    sql`select exists (
          select 1 from progress.provider_approvals a where a.provider_id = ${providerId} and a.trust_id = ${body.id}
            and a.approved_on <= current_date and (a.approved_until is null or a.approved_until >= current_date)
        ) or exists (
          select 1 from progress.providers p join progress.school_directory d on d.urn = p.urn
          where p.id = ${providerId} and p.kind = 'SCHOOL' and ${bodyKeySql(sql.raw('d'))} = ${body.id}
        ) as ok`,
  );
  return row?.ok === true;
}

export async function publishOption(
  db: Db,
  option: {
    providerId: string;
    title: string;
    description: string;
    subject: string | null;
    mode: string;
    costPence: number;
    capacity: number;
    publishedBy: string;
    urns: number[];
  },
) {
  return db.transaction(async (tx) => {
    const id = `SO-${randomUUID()}`;
    await tx.execute(
      sql`insert into progress.support_options
            (id, provider_id, title, description, subject, mode, cost_pence, capacity, published_by, published_on)
          values (${id}, ${option.providerId}, ${option.title}, ${option.description}, ${option.subject},
            ${option.mode}, ${option.costPence}, ${option.capacity}, ${option.publishedBy}, current_date)`,
    );
    for (const urn of option.urns)
      await tx.execute(
        sql`insert into progress.support_option_schools (option_id, urn) values (${id}, ${urn})`,
      );
    return id;
  });
}

export async function withdrawOption(db: Db, id: string) {
  await db.execute(
    sql`update progress.support_options set withdrawn_on = current_date where id = ${id} and withdrawn_on is null`,
  );
}

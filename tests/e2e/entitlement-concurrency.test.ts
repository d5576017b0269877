import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { progressUnderTest } from '@commonroom/progress/testing';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Many bookings at once against one budget and one option, signed HTTP requests to the progress subgraph as
 * the gateway sends them: on in-memory PGlite (one connection, transactions one at a time) and, with
 * DATABASE_URL set, on a Postgres server where they really run side by side on a pool of connections.
 * One small primary school (Rutland, trust TR0965) keeps the seed quick.
 */
const URN = 142401;
const TRUST = 'TR0965';
const YEAR = 2025;
const staff: Viewer = { role: 'school_staff', sub: 'e2e', urn: URN, staffId: `S${URN}-01` };
const leader: Viewer = { role: 'trust_leader', sub: 'e2e', trustId: TRUST };

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(progressUnderTest({ urns: [URN] }));
});
afterAll(() => subgraph?.close());

const BOOK = `mutation ($pupilId: ID!, $optionId: ID!) { bookSupport(pupilId: $pupilId, optionId: $optionId) { id cost } }`;
const CANCEL = 'mutation ($id: ID!) { cancelBooking(bookingId: $id) { id status } }';

interface Ledger {
  bookings: { id: string; pupil_id: string; status: string; cost_pence: number }[];
  entries: { booking_id: string; kind: string; amount_pence: number; pupil_id: string }[];
}

async function ledgerOf(optionId: string): Promise<Ledger> {
  const bookings = await queryRows<Ledger['bookings'][number]>(
    subgraph.db,
    sql`select id, pupil_id, status, cost_pence from progress.bookings where option_id = ${optionId}`,
  );
  const entries = await queryRows<Ledger['entries'][number]>(
    subgraph.db,
    sql`select l.booking_id, l.kind, l.amount_pence, l.pupil_id from progress.support_ledger l
        join progress.bookings b on b.id = l.booking_id where b.option_id = ${optionId}`,
  );
  return { bookings, entries };
}

/** Every booking has exactly one debit of its cost, a credit exactly when cancelled, and nothing else. */
function expectConsistent({ bookings, entries }: Ledger) {
  const byBooking = new Map<string, string[]>();
  for (const e of entries) byBooking.set(e.booking_id, [...(byBooking.get(e.booking_id) ?? []), e.kind]);
  expect(byBooking.size).toBe(bookings.length);
  for (const b of bookings) {
    const kinds = (byBooking.get(b.id) ?? []).sort();
    expect(kinds).toEqual(b.status === 'CANCELLED' ? ['CREDIT', 'DEBIT'] : ['DEBIT']);
  }
  for (const e of entries)
    expect(e.amount_pence).toBe(bookings.find((b) => b.id === e.booking_id)?.cost_pence);
}

describe('entitlement: bookings at once never overspend a budget nor over-book an option', () => {
  it('takes exactly the places and money there are when 60 bookings and then 20 more with cancellations race', async () => {
    // Entitled pupils this year with no bookings yet: one to spend a whole budget, six to fill the places.
    const pupils = await queryRows<{ pupil_id: string; budget_pence: number }>(
      subgraph.db,
      sql`select e.pupil_id, e.budget_pence from progress.entitlements e
          where e.urn = ${URN} and e.academic_year = ${YEAR} and e.eligible
            and not exists (select 1 from progress.support_ledger l where l.pupil_id = e.pupil_id)
          order by e.pupil_id limit 8`,
    );
    expect(pupils.length).toBe(8);
    const [spender, ...others] = pupils.map((p) => p.pupil_id) as [string, ...string[]];
    const budget = Number(pupils[0]?.budget_pence);
    expect(budget).toBe(30_000);

    const published = await subgraph.request<{ publishSupportOption: { id: string } }>(
      leader,
      `mutation ($input: PublishSupportOptionInput!) { publishSupportOption(input: $input) { id } }`,
      {
        input: {
          providerId: `PR-S${URN}`,
          title: 'Booster sessions in maths',
          description: 'After school, in small groups.',
          subject: 'MATHS',
          mode: 'SMALL_GROUP',
          cost: 50,
          capacity: 12,
          offeredAt: [URN],
        },
      },
    );
    expect(published.errors).toBeUndefined();
    const optionId = published.data?.publishSupportOption.id as string;

    // 30 for one pupil (whose £300 covers 6 at £50) and 5 each for six others (whose budgets cover them):
    // demand for 36 places at most, 12 places.
    const requests = [
      ...Array.from({ length: 30 }, () => spender),
      ...others.slice(0, 6).flatMap((id) => Array.from({ length: 5 }, () => id)),
    ];
    const results = await Promise.all(
      requests.map((pupilId) =>
        subgraph.request<{ bookSupport: { id: string } }>(staff, BOOK, { pupilId, optionId }),
      ),
    );
    const booked = results.filter((r) => r.data?.bookSupport);
    const refused = results.filter((r) => !r.data?.bookSupport);
    expect(booked.length + refused.length).toBe(60);
    for (const r of refused) expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(booked.length).toBe(12);

    let ledger = await ledgerOf(optionId);
    expect(ledger.bookings).toHaveLength(12);
    expectConsistent(ledger);
    const spentBy = (pupilId: string) =>
      ledger.entries
        .filter((e) => e.pupil_id === pupilId)
        .reduce((a, e) => a + (e.kind === 'DEBIT' ? e.amount_pence : -e.amount_pence), 0);
    for (const p of pupils) expect(spentBy(p.pupil_id)).toBeLessThanOrEqual(budget);
    // Every refusal was for a real reason: the option is full (12 taken), and the spender never went over.
    expect(ledger.bookings.filter((b) => b.pupil_id === spender).length).toBeLessThanOrEqual(6);

    // Cancellations race new bookings: 5 places come free while 15 bookings from the last pupil and the
    // spender try to take them (each cancellation at most once, whichever request gets there first).
    const toCancel = ledger.bookings.filter((b) => b.pupil_id !== spender).slice(0, 5);
    const second = await Promise.all([
      ...toCancel.map((b) => subgraph.request(staff, CANCEL, { id: b.id })),
      ...toCancel.slice(0, 2).map((b) => subgraph.request(staff, CANCEL, { id: b.id })),
      ...Array.from({ length: 15 }, (_, i) =>
        subgraph.request(staff, BOOK, { pupilId: i % 2 ? spender : (others[6] as string), optionId }),
      ),
    ]);
    for (const r of second.filter((r) => r.errors))
      expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    // Each of the five was cancelled exactly once; the two repeats were refused.
    expect(second.slice(0, 7).filter((r) => !r.errors)).toHaveLength(5);

    ledger = await ledgerOf(optionId);
    expectConsistent(ledger);
    const inForce = ledger.bookings.filter((b) => b.status === 'BOOKED');
    expect(inForce.length).toBeLessThanOrEqual(12);
    expect(ledger.bookings.filter((b) => b.status === 'CANCELLED')).toHaveLength(5);
    for (const p of pupils) expect(spentBy(p.pupil_id)).toBeLessThanOrEqual(budget);
    expect(inForce.filter((b) => b.pupil_id === spender).length).toBeLessThanOrEqual(6);
    // What the API says is left is the budget less the ledger.
    const left = await subgraph.request<{
      pupil: { entitlement: { budgetRemaining: number; spent: number } };
    }>(staff, 'query ($id: ID!) { pupil(id: $id) { entitlement { budgetRemaining spent } } }', {
      id: spender,
    });
    expect(left.data?.pupil.entitlement.spent).toBe(spentBy(spender) / 100);
    expect(left.data?.pupil.entitlement.budgetRemaining).toBe((budget - spentBy(spender)) / 100);
  });
});

import type { Db } from '@commonroom/db';
import { inKeyOrder } from '@commonroom/subgraph-kit';
import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { consultationSettings, consultationSlots } from './tables.ts';

/** How many upcoming slots one carer may hold per child when the school has set nothing. */
export const DEFAULT_BOOKINGS_PER_CHILD = 1;

/** Each school's bookings-per-child limit (the default where it has set none), one query for all. */
export async function bookingsPerChildOf(db: Db, urns: readonly number[]) {
  const rows = await db
    .select()
    .from(consultationSettings)
    .where(inArray(consultationSettings.urn, [...urns]));
  return inKeyOrder(urns, rows, (r) => r.urn).map((r) => r?.bookingsPerChild ?? DEFAULT_BOOKINGS_PER_CHILD);
}

export async function setBookingsPerChild(db: Db, urn: number, bookingsPerChild: number, staffId: string) {
  await db
    .insert(consultationSettings)
    .values({ urn, bookingsPerChild, setByStaffId: staffId })
    .onConflictDoUpdate({
      target: consultationSettings.urn,
      set: { bookingsPerChild, setByStaffId: staffId, setAt: sql`now()` },
    });
}

export type BookingOutcome =
  | { booked: typeof consultationSlots.$inferSelect }
  | { taken: true }
  | { limitReached: number };

/**
 * Books a slot for a carer's child. In one transaction, holding a lock for that carer and child (so two
 * bookings at once cannot both slip under the limit): the school's limit is read, the carer's upcoming bookings
 * for the child counted, and the slot taken with one conditional UPDATE — it only changes a slot nobody has
 * booked, so of any number of concurrent bookings of one slot exactly one succeeds.
 */
export async function bookSlotWithinLimit(
  db: Db,
  slot: { id: number; urn: number },
  carerId: string,
  pupilId: string,
): Promise<BookingOutcome> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`parents.bookings:${carerId}:${pupilId}`}))`,
    );
    const [limitRow] = await tx
      .select({ n: consultationSettings.bookingsPerChild })
      .from(consultationSettings)
      .where(eq(consultationSettings.urn, slot.urn));
    const limit = limitRow?.n ?? DEFAULT_BOOKINGS_PER_CHILD;
    const [held] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(consultationSlots)
      .where(
        and(
          eq(consultationSlots.bookedByCarerId, carerId),
          eq(consultationSlots.bookedForPupilId, pupilId),
          gt(consultationSlots.endsAt, sql`now()`),
        ),
      );
    if ((held?.n ?? 0) >= limit) return { limitReached: limit };
    const [row] = await tx
      .update(consultationSlots)
      .set({ bookedByCarerId: carerId, bookedForPupilId: pupilId, bookedAt: new Date() })
      .where(and(eq(consultationSlots.id, slot.id), isNull(consultationSlots.bookedByCarerId)))
      .returning();
    return row ? { booked: row } : { taken: true };
  });
}

export interface NewSlot {
  urn: number;
  staffId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Offers slots for one member of staff, all or nothing, never overlapping one another or any slot they already
 * have: a lock per member of staff makes concurrent offers take turns, then the slots that meet the new ones'
 * span are checked before inserting. Returns the inserted rows, or the first clash.
 */
export async function offerSlots(
  db: Db,
  staffId: string,
  slots: NewSlot[],
): Promise<
  { inserted: (typeof consultationSlots.$inferSelect)[] } | { clash: { startsAt: Date; endsAt: Date } }
> {
  const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1] as NewSlot;
    const slot = sorted[i] as NewSlot;
    if (slot.startsAt < before.endsAt) return { clash: slot };
  }
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return { inserted: [] };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`parents.slots:${staffId}`}))`);
    const existing = await tx
      .select({ startsAt: consultationSlots.startsAt, endsAt: consultationSlots.endsAt })
      .from(consultationSlots)
      .where(
        and(
          eq(consultationSlots.staffId, staffId),
          lt(consultationSlots.startsAt, last.endsAt),
          gt(consultationSlots.endsAt, first.startsAt),
        ),
      )
      .orderBy(asc(consultationSlots.startsAt));
    for (const held of existing)
      if (sorted.some((s) => s.startsAt < held.endsAt && held.startsAt < s.endsAt)) return { clash: held };
    return { inserted: await tx.insert(consultationSlots).values(sorted).returning() };
  });
}

import { randomUUID } from 'node:crypto';
import type { Db } from '@commonroom/db';
import { and, eq, isNull } from 'drizzle-orm';
import { consultancyEngagements } from './tables.ts';

export type NewConsultancy = Omit<typeof consultancyEngagements.$inferInsert, 'id' | 'endedOn'>;

export async function insertConsultancy(db: Db, values: NewConsultancy) {
  const [row] = await db
    .insert(consultancyEngagements)
    .values({ ...values, id: `CE-${randomUUID()}`, endedOn: null })
    .returning();
  if (!row) throw new Error('consultancy not stored');
  return row;
}

/** Replaces the team of an engagement still running; null when it is closed (or gone). */
export async function setConsultancyTeam(db: Db, id: string, teamStaffIds: string[]) {
  const [row] = await db
    .update(consultancyEngagements)
    .set({ teamStaffIds })
    .where(and(eq(consultancyEngagements.id, id), isNull(consultancyEngagements.endedOn)))
    .returning();
  return row ?? null;
}

/** Closes an engagement still running, in one conditional statement; null when it was already closed. */
export async function closeConsultancyOn(db: Db, id: string, endedOn: string) {
  const [row] = await db
    .update(consultancyEngagements)
    .set({ endedOn })
    .where(and(eq(consultancyEngagements.id, id), isNull(consultancyEngagements.endedOn)))
    .returning();
  return row ?? null;
}

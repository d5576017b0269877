import type { Db } from '@commonroom/db';
import { and, eq, sql } from 'drizzle-orm';
import type { Subject, TrafficLightStatus } from '../rules/traffic-lights.ts';
import { teacherLightStatuses } from './tables.ts';

/** A teacher's own status for one concept of one periodic assessment. */
export interface NewTeacherStatus {
  pupilId: string;
  urn: number;
  /** ISO date of the assessment (as the progress subgraph dates it). */
  assessedOn: string;
  subject: Exclude<Subject, 'ENGLISH' | 'SCIENCE'>;
  concept: string;
  status: TrafficLightStatus;
  setByStaffId?: string | null;
  /** Why, in words for the carer. */
  reason?: string | null;
}

/** A light has one teacher status: a later one replaces it, with its author, reason and time. */
const replaceStatus = {
  target: [
    teacherLightStatuses.pupilId,
    teacherLightStatuses.assessedOn,
    teacherLightStatuses.subject,
    teacherLightStatuses.concept,
  ],
  set: {
    status: sql`excluded.status`,
    setByStaffId: sql`excluded.set_by_staff_id`,
    reason: sql`excluded.reason`,
    setAt: sql`now()`,
  },
};

/**
 * Stores teachers' own statuses, replacing any earlier one for the same pupil, assessment date, subject and
 * concept (idempotent). They override the rule for that light; every other light comes from the progress
 * subgraph's concept results. Returns how many rows were written.
 */
export async function recordTeacherStatuses(db: Db, statuses: NewTeacherStatus[]) {
  if (statuses.length === 0) return 0;
  const written = await db
    .insert(teacherLightStatuses)
    .values(statuses.map((s) => ({ ...s, setByStaffId: s.setByStaffId ?? null, reason: s.reason ?? null })))
    .onConflictDoUpdate(replaceStatus)
    .returning({ pupilId: teacherLightStatuses.pupilId });
  return written.length;
}

/** Which light a teacher's status is for. */
export interface TeacherStatusKey {
  pupilId: string;
  assessedOn: string;
  subject: NewTeacherStatus['subject'];
  concept: string;
}

/** Sets (or replaces) one teacher's status in one statement and returns the row as stored. */
export async function setTeacherStatus(
  db: Db,
  status: NewTeacherStatus & { setByStaffId: string; reason: string },
) {
  const [row] = await db
    .insert(teacherLightStatuses)
    .values(status)
    .onConflictDoUpdate(replaceStatus)
    .returning();
  if (!row) throw new Error('teacher status not stored');
  return row;
}

/** Removes a teacher's status (the rule decides that light again); the removed row, or null when there was none. */
export async function clearTeacherStatus(db: Db, key: TeacherStatusKey) {
  const [row] = await db
    .delete(teacherLightStatuses)
    .where(
      and(
        eq(teacherLightStatuses.pupilId, key.pupilId),
        eq(teacherLightStatuses.assessedOn, key.assessedOn),
        eq(teacherLightStatuses.subject, key.subject),
        eq(teacherLightStatuses.concept, key.concept),
      ),
    )
    .returning();
  return row ?? null;
}

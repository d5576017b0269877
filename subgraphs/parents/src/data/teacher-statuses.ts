import type { Db } from '@commonroom/db';
import { sql } from 'drizzle-orm';
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
}

/**
 * Stores teachers' own statuses, replacing any earlier one for the same pupil, assessment date, subject and
 * concept (idempotent). They override the rule for that light; every other light comes from the progress
 * subgraph's concept results. Returns how many rows were written.
 */
export async function recordTeacherStatuses(db: Db, statuses: NewTeacherStatus[]) {
  if (statuses.length === 0) return 0;
  const written = await db
    .insert(teacherLightStatuses)
    .values(statuses.map((s) => ({ ...s, setByStaffId: s.setByStaffId ?? null })))
    .onConflictDoUpdate({
      target: [
        teacherLightStatuses.pupilId,
        teacherLightStatuses.assessedOn,
        teacherLightStatuses.subject,
        teacherLightStatuses.concept,
      ],
      set: { status: sql`excluded.status`, setByStaffId: sql`excluded.set_by_staff_id`, setAt: sql`now()` },
    })
    .returning({ pupilId: teacherLightStatuses.pupilId });
  return written.length;
}

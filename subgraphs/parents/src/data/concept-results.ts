import type { Db } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import { type ConceptResult, type Subject, trafficLight } from '../rules/traffic-lights.ts';
import { trafficLights } from './tables.ts';

/** One concept-level result of a periodic assessment, as the progress subgraph will record it. */
export interface IncomingConceptResult extends ConceptResult {
  pupilId: string;
  urn: number;
  /** ISO date of the assessment. */
  assessedOn: string;
  subject: Subject;
  concept: string;
}

/**
 * The way traffic lights arrive from outside the demo seed: concept-level results (from the progress
 * subgraph's periodic assessments, or a teacher's own judgement) are turned into statuses by the rule and
 * stored, replacing any earlier status for the same pupil, date, subject and concept. Idempotent, so a sync
 * can send the same results again. Returns how many rows were written.
 */
export async function recordConceptResults(
  db: Db,
  results: IncomingConceptResult[],
  source: 'PROGRESS' | 'TEACHER' = 'PROGRESS',
) {
  if (results.length === 0) return 0;
  const rows = results.map((r) => ({
    pupilId: r.pupilId,
    urn: r.urn,
    assessedOn: r.assessedOn,
    subject: r.subject,
    concept: r.concept,
    status: trafficLight(r),
    points: r.points,
    expectedPoints: r.expectedPoints,
    setBy: r.teacherStatus ? ('TEACHER' as const) : ('RULE' as const),
    source,
  }));
  const written = await db
    .insert(trafficLights)
    .values(rows)
    .onConflictDoUpdate({
      target: [trafficLights.pupilId, trafficLights.assessedOn, trafficLights.subject, trafficLights.concept],
      set: {
        status: sql`excluded.status`,
        points: sql`excluded.points`,
        expectedPoints: sql`excluded.expected_points`,
        setBy: sql`excluded.set_by`,
        source: sql`excluded.source`,
      },
    })
    .returning({ pupilId: trafficLights.pupilId });
  return written.length;
}

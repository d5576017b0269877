import { type Catalogue, catalogueFor, fill } from '../i18n/index.ts';

export type TrafficLightStatus = 'RED' | 'AMBER' | 'GREEN';
export type Subject = 'READING' | 'WRITING' | 'MATHS';
export type Concept = keyof Catalogue['concept'];

/**
 * One concept-level result from a periodic assessment, on the progress subgraph's points continuum (about
 * three points a year): where the pupil is, and where the school expects them to be at this point in the
 * year. A teacher may set the status instead, from what they see in class; theirs wins.
 */
export interface ConceptResult {
  points: number | null;
  expectedPoints: number | null;
  teacherStatus?: TrafficLightStatus | null;
}

/** Behind by at most this many points still counts as on track (a half-step: measurement noise). */
export const GREEN_WITHIN = 0.25;
/** Behind by more than this (about a term's expected progress) is red. */
export const AMBER_WITHIN = 1;

/**
 * The traffic-light rule. A teacher's status, when set, is used as it is. Otherwise the pupil's points are
 * compared with the points expected for that point in the year:
 * - GREEN: at, above, or no more than a quarter of a point below expected;
 * - AMBER: below by more than that, up to one point (about a term's progress);
 * - RED: more than a point below expected.
 * A result with no points and no teacher status is AMBER: unknown is not "on track".
 */
export function trafficLight(result: ConceptResult): TrafficLightStatus {
  if (result.teacherStatus) return result.teacherStatus;
  if (result.points === null || result.expectedPoints === null) return 'AMBER';
  const behind = result.expectedPoints - result.points;
  if (behind <= GREEN_WITHIN) return 'GREEN';
  if (behind <= AMBER_WITHIN) return 'AMBER';
  return 'RED';
}

/** A concept-level result of a periodic assessment, as the progress subgraph gives it (`Pupil.conceptResults`). */
export interface PeriodicConceptResult {
  academicYear: number;
  /** ISO date of the assessment. */
  assessedOn: string;
  subject: string;
  concept: string;
  points: number | null;
  expectedPoints: number | null;
}

/** A teacher's own status for one concept of one assessment (stored in this subgraph). */
export interface TeacherStatus {
  assessedOn: string;
  subject: string;
  concept: string;
  status: TrafficLightStatus;
  /** Why the teacher set it, in words for the carer (null for statuses recorded before reasons were kept). */
  reason?: string | null;
}

export interface Light {
  assessedOn: string;
  subject: Subject;
  concept: string;
  status: TrafficLightStatus;
  setBy: 'RULE' | 'TEACHER';
  /** The teacher's reason, when a teacher set the status; null otherwise. */
  reason: string | null;
}

const SUBJECT_ORDER: Record<string, number> = { READING: 0, WRITING: 1, MATHS: 2 };

/**
 * A child's traffic lights: for each of reading, writing and maths, the concepts of the latest periodic
 * assessment (within `academicYear` when given), each by the rule — or the teacher's own status for that
 * assessment and concept, when one is set. Reading, writing, maths order, then concept. No points in the result.
 */
export function latestTrafficLights(
  results: readonly PeriodicConceptResult[],
  teacherStatuses: readonly TeacherStatus[],
  academicYear: number | null,
): Light[] {
  const within = results.filter(
    (r) => r.subject in SUBJECT_ORDER && (academicYear === null || r.academicYear === academicYear),
  );
  const latest = new Map<string, string>();
  for (const r of within)
    if ((latest.get(r.subject) ?? '') < r.assessedOn) latest.set(r.subject, r.assessedOn);
  const teacher = new Map(teacherStatuses.map((t) => [`${t.assessedOn}|${t.subject}|${t.concept}`, t]));
  return within
    .filter((r) => latest.get(r.subject) === r.assessedOn)
    .map((r) => {
      const own = teacher.get(`${r.assessedOn}|${r.subject}|${r.concept}`);
      const teacherStatus = own?.status ?? null;
      return {
        assessedOn: r.assessedOn,
        subject: r.subject as Subject,
        concept: r.concept,
        status: trafficLight({ points: r.points, expectedPoints: r.expectedPoints, teacherStatus }),
        setBy: teacherStatus ? ('TEACHER' as const) : ('RULE' as const),
        reason: own?.reason ?? null,
      };
    })
    .sort(
      (a, b) =>
        (SUBJECT_ORDER[a.subject] ?? 9) - (SUBJECT_ORDER[b.subject] ?? 9) ||
        a.concept.localeCompare(b.concept),
    );
}

export interface WordedTrafficLight {
  /** The catalogue used (after any fallback). */
  language: string;
  label: string;
  subjectName: string;
  conceptName: string;
  explanation: string;
}

/** The status's label and a parent-worded explanation, in the given language (English if none fits). No scores. */
export function wordTrafficLight(
  light: { subject: Subject; concept: string; status: TrafficLightStatus },
  languageTag: string | null | undefined,
): WordedTrafficLight {
  const { language, catalogue } = catalogueFor(languageTag);
  const conceptName = catalogue.concept[light.concept as Concept] ?? light.concept.toLowerCase();
  return {
    language,
    label: catalogue.status[light.status],
    subjectName: catalogue.subject[light.subject],
    conceptName,
    explanation: fill(catalogue.explanation[light.status], { concept: conceptName }),
  };
}

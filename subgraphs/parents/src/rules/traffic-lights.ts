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

/** The key concepts reported for a year group, by subject (Reception = 0): what parents see per assessment. */
export function keyConcepts(yearGroup: number): Record<Subject, Concept[]> {
  if (yearGroup <= 2)
    return {
      READING: ['PHONICS', 'VOCABULARY'],
      WRITING: ['SPELLING_PUNCTUATION', 'COMPOSITION'],
      MATHS: ['NUMBER_FACTS', 'PLACE_VALUE'],
    };
  if (yearGroup <= 6)
    return {
      READING: ['INFERENCE', 'VOCABULARY'],
      WRITING: ['SPELLING_PUNCTUATION', 'COMPOSITION'],
      MATHS: ['PLACE_VALUE', 'FRACTIONS'],
    };
  return {
    READING: ['INFERENCE', 'VOCABULARY'],
    WRITING: ['SPELLING_PUNCTUATION', 'COMPOSITION'],
    MATHS: ['FRACTIONS', 'ALGEBRA'],
  };
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

/**
 * The key concepts that periodic assessments in reading, writing and maths report on, and that carers see as
 * traffic lights: one list for the progress subgraph (which records concept-level results) and the parents
 * subgraph (which words them), so the two cannot drift apart. The GraphQL enum `Concept` has these values.
 */
export const CONCEPTS = [
  'PHONICS',
  'INFERENCE',
  'VOCABULARY',
  'SPELLING_PUNCTUATION',
  'COMPOSITION',
  'NUMBER_FACTS',
  'PLACE_VALUE',
  'FRACTIONS',
  'ALGEBRA',
] as const;

export type Concept = (typeof CONCEPTS)[number];

/** The subjects assessed concept by concept. */
export const CONCEPT_SUBJECTS = ['READING', 'WRITING', 'MATHS'] as const;
export type ConceptSubject = (typeof CONCEPT_SUBJECTS)[number];

/** The subject each concept belongs to. */
export const SUBJECT_OF_CONCEPT: Record<Concept, ConceptSubject> = {
  PHONICS: 'READING',
  INFERENCE: 'READING',
  VOCABULARY: 'READING',
  SPELLING_PUNCTUATION: 'WRITING',
  COMPOSITION: 'WRITING',
  NUMBER_FACTS: 'MATHS',
  PLACE_VALUE: 'MATHS',
  FRACTIONS: 'MATHS',
  ALGEBRA: 'MATHS',
};

export const isConcept = (value: string): value is Concept => (CONCEPTS as readonly string[]).includes(value);

/** The key concepts reported for a year group (Reception = 0), by subject: two a subject. */
export function keyConcepts(yearGroup: number): Record<ConceptSubject, Concept[]> {
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

/**
 * Strands of the Education Endowment Foundation's Teaching and Learning Toolkit that practices link to,
 * with the Toolkit's headline figures for each: average impact in additional months' progress over a
 * year, cost (1 = very low … 5 = very high, the Toolkit's £ signs) and security of the evidence (0–5, its
 * padlocks).
 *
 * Source: EEF Teaching and Learning Toolkit, https://educationendowmentfoundation.org.uk/education-evidence/
 * teaching-learning-toolkit (figures as published after the 2021 refresh, including the later update that
 * moved mentoring to 0 months). The EEF updates the Toolkit as evidence grows: check a strand there before
 * quoting it, and change it here with the date.
 */
export interface EefStrand {
  /** Stable id used in the API and the database. */
  id: string;
  name: string;
  impactMonths: number;
  /** 1 (very low) to 5 (very high). */
  cost: number;
  /** 0 to 5 padlocks. */
  evidenceStrength: number;
}

export const EEF_STRANDS: readonly EefStrand[] = [
  { id: 'FEEDBACK', name: 'Feedback', impactMonths: 6, cost: 1, evidenceStrength: 3 },
  {
    id: 'METACOGNITION',
    name: 'Metacognition and self-regulation',
    impactMonths: 7,
    cost: 1,
    evidenceStrength: 4,
  },
  {
    id: 'READING_COMPREHENSION',
    name: 'Reading comprehension strategies',
    impactMonths: 6,
    cost: 1,
    evidenceStrength: 4,
  },
  { id: 'ORAL_LANGUAGE', name: 'Oral language interventions', impactMonths: 6, cost: 1, evidenceStrength: 4 },
  { id: 'MASTERY_LEARNING', name: 'Mastery learning', impactMonths: 5, cost: 1, evidenceStrength: 2 },
  { id: 'PEER_TUTORING', name: 'Peer tutoring', impactMonths: 5, cost: 1, evidenceStrength: 4 },
  { id: 'ONE_TO_ONE_TUITION', name: 'One to one tuition', impactMonths: 5, cost: 3, evidenceStrength: 3 },
  { id: 'SMALL_GROUP_TUITION', name: 'Small group tuition', impactMonths: 4, cost: 2, evidenceStrength: 3 },
  {
    id: 'COLLABORATIVE_LEARNING',
    name: 'Collaborative learning approaches',
    impactMonths: 5,
    cost: 1,
    evidenceStrength: 2,
  },
  { id: 'HOMEWORK', name: 'Homework', impactMonths: 5, cost: 1, evidenceStrength: 2 },
  { id: 'PARENTAL_ENGAGEMENT', name: 'Parental engagement', impactMonths: 4, cost: 1, evidenceStrength: 3 },
  { id: 'PHONICS', name: 'Phonics', impactMonths: 5, cost: 1, evidenceStrength: 5 },
  {
    id: 'INDIVIDUALISED_INSTRUCTION',
    name: 'Individualised instruction',
    impactMonths: 4,
    cost: 1,
    evidenceStrength: 2,
  },
  {
    id: 'TEACHING_ASSISTANT_INTERVENTIONS',
    name: 'Teaching assistant interventions',
    impactMonths: 4,
    cost: 3,
    evidenceStrength: 3,
  },
  { id: 'MENTORING', name: 'Mentoring', impactMonths: 0, cost: 3, evidenceStrength: 4 },
];

const byId = new Map(EEF_STRANDS.map((s) => [s.id, s]));

export const eefStrand = (id: string): EefStrand | undefined => byId.get(id);

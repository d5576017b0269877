import type { Persona } from './personas.ts';

/**
 * Pupil fields that identify a child or put them in a sensitive group, and who may read them. The rule
 * (DESIGN.md "Who sees what"; subgraphs/progress/src/data/access.ts): pupil-level data is for the staff of
 * the pupil's school (their learning guide among them) and the leaders of its trust; the UPN is "never
 * exposed outside school staff" (and the trust's leaders, who hold the same pupil-level right). LA officers
 * see aggregates only; providers see a booking's `learner` (name, year group) and nothing else; carers see
 * their own child, but none of these fields: they know them already, and the school holds them for its
 * statutory returns, not for the carer. Everyone else gets FORBIDDEN and no value.
 */
export interface SensitiveField {
  /** The field of `Pupil` in the supergraph. */
  field: string;
  /** What the DESIGN calls it. */
  meaning: string;
  /** Who gets the value; everyone else gets FORBIDDEN and no value. */
  seenBy: Persona[];
}

const PUPIL_LEVEL: Persona[] = ['staffOwn', 'learningGuide', 'trustOwn'];

export const SENSITIVE_FIELDS: SensitiveField[] = [
  { field: 'upn', meaning: 'unique pupil number', seenBy: PUPIL_LEVEL },
  { field: 'dateOfBirth', meaning: 'date of birth', seenBy: PUPIL_LEVEL },
  { field: 'ethnicity', meaning: 'ethnicity', seenBy: PUPIL_LEVEL },
  { field: 'sen', meaning: 'special educational needs', seenBy: PUPIL_LEVEL },
  { field: 'disadvantaged', meaning: 'free school meals (FSM6) / disadvantaged', seenBy: PUPIL_LEVEL },
  { field: 'lookedAfter', meaning: 'looked after by the local authority', seenBy: PUPIL_LEVEL },
];

/**
 * The demo adoptions of practices and the intervention cohorts they apply to: one pure definition that the
 * practice subgraph loads as its adoptions and the progress subgraph loads as its `InterventionCohort`s (and
 * their pupils), so neither depends on the other's package or tables.
 */

/** One demo adoption and the intervention cohort it applies to (created by the progress subgraph). */
export interface DemoAdoption {
  id: string;
  practiceId: string;
  /** The adopting school. */
  urn: number;
  /** `K<urn>-<adoption id>`: the InterventionCohort id in the progress subgraph. */
  cohortId: string;
  /** One of the progress subgraph's subjects: READING, WRITING, MATHS, ENGLISH, SCIENCE. */
  subject: 'READING' | 'WRITING' | 'MATHS' | 'ENGLISH' | 'SCIENCE';
  yearGroup: number;
  /** The academic year of the cohort (2023 = 2023/24). */
  academicYear: number;
  /** How many pupils of that year group the progress subgraph should put in the cohort. */
  cohortSize: number;
  modifications: string;
  startedOn: string;
  endedOn: string | null;
}

/** The cohort id for an adoption, `K<urn>-<adoption id>`; the URN prefix names the school the pupils are at. */
export const cohortIdFor = (urn: number, adoptionId: string) => `K${urn}-${adoptionId}`;

const ADOPTIONS: Omit<DemoAdoption, 'cohortId' | 'startedOn' | 'endedOn'>[] = [
  {
    id: 'AD-0001',
    practiceId: 'PR-0001',
    urn: 141453,
    subject: 'MATHS',
    yearGroup: 5,
    academicYear: 2023,
    cohortSize: 12,
    modifications: 'Questions used at the start of the lesson as well as the hinge.',
  },
  {
    id: 'AD-0002',
    practiceId: 'PR-0001',
    urn: 120181,
    subject: 'MATHS',
    yearGroup: 4,
    academicYear: 2024,
    cohortSize: 10,
    modifications: 'Answers collected with hand signals instead of whiteboards.',
  },
  {
    id: 'AD-0003',
    practiceId: 'PR-0001',
    urn: 138113,
    subject: 'MATHS',
    yearGroup: 6,
    academicYear: 2024,
    cohortSize: 14,
    modifications: '',
  },
  {
    id: 'AD-0004',
    practiceId: 'PR-0002',
    urn: 137340,
    subject: 'ENGLISH',
    yearGroup: 7,
    academicYear: 2023,
    cohortSize: 24,
    modifications: 'Run in English lessons rather than tutor time.',
  },
  {
    id: 'AD-0005',
    practiceId: 'PR-0002',
    urn: 146232,
    subject: 'ENGLISH',
    yearGroup: 7,
    academicYear: 2024,
    cohortSize: 20,
    modifications: 'Texts chosen from the science and history curriculum.',
  },
  {
    id: 'AD-0006',
    practiceId: 'PR-0003',
    urn: 141454,
    subject: 'MATHS',
    yearGroup: 3,
    academicYear: 2024,
    cohortSize: 8,
    modifications: 'Intervention led by the teaching assistant after lunch.',
  },
  {
    id: 'AD-0007',
    practiceId: 'PR-0005',
    urn: 136530,
    subject: 'ENGLISH',
    yearGroup: 7,
    academicYear: 2024,
    cohortSize: 18,
    modifications: 'Year 10 tutors instead of Year 9.',
  },
  {
    id: 'AD-0008',
    practiceId: 'PR-0007',
    urn: 122637,
    subject: 'READING',
    yearGroup: 2,
    academicYear: 2023,
    cohortSize: 9,
    modifications: '',
  },
  {
    id: 'AD-0009',
    practiceId: 'PR-0007',
    urn: 142544,
    subject: 'READING',
    yearGroup: 2,
    academicYear: 2024,
    cohortSize: 4,
    modifications: 'Groups of two in a mixed-age class.',
  },
  {
    id: 'AD-0010',
    practiceId: 'PR-0010',
    urn: 146397,
    subject: 'READING',
    yearGroup: 4,
    academicYear: 2021,
    cohortSize: 8,
    modifications: '',
  },
  {
    id: 'AD-0011',
    practiceId: 'PR-0006',
    urn: 136530,
    subject: 'SCIENCE',
    yearGroup: 10,
    academicYear: 2024,
    cohortSize: 26,
    modifications: 'Prompts printed in the practical booklet.',
  },
  {
    id: 'AD-0012',
    practiceId: 'PR-0011',
    urn: 136629,
    subject: 'MATHS',
    yearGroup: 8,
    academicYear: 2025,
    cohortSize: 28,
    modifications: 'Quizzes set on the homework platform.',
  },
];

/**
 * Every demo adoption with its cohort: the adopting school, subject, year group and academic year, so the
 * progress subgraph can build the matching `InterventionCohort`s from the same definition.
 */
export function demoAdoptionCohorts(): DemoAdoption[] {
  return ADOPTIONS.map((a) => ({
    ...a,
    cohortId: cohortIdFor(a.urn, a.id),
    startedOn: `${a.academicYear}-09-15`,
    // Adoptions in 2025/26 are still running in the demo's last year.
    endedOn: a.academicYear < 2025 ? `${a.academicYear + 1}-07-15` : null,
  }));
}

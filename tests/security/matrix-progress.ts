import type { MatrixRow, Outcome } from './access-matrix.ts';
import { OTHER_TRUST_PRACTICE, OWN_URN, PERSONAS, type Persona } from './personas.ts';

/**
 * Rows for a practice's evidence counts, whose measured and positive
 * effects the progress subgraph adds, and a consultancy engagement's receiving-department progress. Kept apart
 * from access-matrix.ts (which spreads them into the matrix) to keep merges easy; self-contained, as that file
 * imports this one.
 */
const table = (fallback: Outcome, named: Partial<Record<Persona, Outcome>>) =>
  Object.fromEntries(PERSONAS.map((p) => [p, named[p] ?? fallback])) as Record<Persona, Outcome>;
const everyone = () => table('GRANT', {});
const MARKET: Persona[] = [
  'trustOwn',
  'trustOther',
  'laOwn',
  'laOther',
  'staffOwn',
  'staffOther',
  'learningGuide',
];
const market = () => table('DENY', Object.fromEntries(MARKET.map((p) => [p, 'GRANT'])));
const entities = (selection: string) =>
  `query Entities($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;

/** A public practice adopted by the own school (AD-0003), so its evidence has a cohort measured here. */
const PUBLIC_ADOPTED_PRACTICE = 'PR-0001';
/** Catmose College's maths team in Castle Mead Academy's maths department, 2023/24. */
const ENGAGEMENT = 'CE-001';

export const EVIDENCE_AND_ENGAGEMENT_ROWS: MatrixRow[] = [
  {
    covers: 'Field.PracticeEvidence.withPositiveEffect',
    name: 'practice { evidence { measured withPositiveEffect } }',
    operation: `{ practice(id: "${PUBLIC_ADOPTED_PRACTICE}") { evidence { adoptions measured withPositiveEffect } } }`,
    // Counts of adoptions, each adoption's impact already being public with its practice: aggregates only.
    path: ['practice.evidence.measured', 'practice.evidence.withPositiveEffect'],
    expect: everyone(),
  },
  {
    covers: 'Entity.PracticeEvidence@practice',
    name: '_entities PracticeEvidence (PUBLIC practice, practice)',
    via: 'practice',
    operation: entities('... on PracticeEvidence { practiceId adoptions adoptionCohortIds }'),
    variables: () => ({ r: [{ __typename: 'PracticeEvidence', practiceId: PUBLIC_ADOPTED_PRACTICE }] }),
    path: '_entities.0',
    expect: everyone(),
  },
  {
    covers: 'Entity.PracticeEvidence@practice',
    name: '_entities PracticeEvidence (TRUST practice of the other trust, practice)',
    via: 'practice',
    operation: entities('... on PracticeEvidence { practiceId adoptions adoptionCohortIds }'),
    variables: () => ({ r: [{ __typename: 'PracticeEvidence', practiceId: OTHER_TRUST_PRACTICE }] }),
    path: '_entities.0',
    // As for the practice itself: one the caller may not see does not exist.
    expect: table('NULL', { trustOther: 'GRANT' }),
  },
  {
    covers: 'Entity.PracticeEvidence@progress',
    name: '_entities PracticeEvidence { measured withPositiveEffect } (progress)',
    via: 'progress',
    operation: entities('... on PracticeEvidence { practiceId measured withPositiveEffect }'),
    variables: (f) => ({
      r: [
        {
          __typename: 'PracticeEvidence',
          practiceId: PUBLIC_ADOPTED_PRACTICE,
          adoptionCohortIds: [f.cohort],
        },
      ],
    }),
    path: ['_entities.0.measured', '_entities.0.withPositiveEffect'],
    expect: everyone(),
  },
  {
    covers: 'Field.ConsultancyEngagement.departmentProgress',
    name: 'school { consultancies { departmentProgress } }',
    operation: `{ school(urn: 147068) { consultancies { id departmentProgress { subject before { suppressed } } } } }`,
    path: 'school.consultancies.0.departmentProgress',
    expect: market(),
  },
  {
    covers: 'Entity.ConsultancyEngagement@practice',
    name: '_entities ConsultancyEngagement (practice)',
    via: 'practice',
    operation: entities('... on ConsultancyEngagement { id subject toSchool { urn } startedOn }'),
    variables: () => ({ r: [{ __typename: 'ConsultancyEngagement', id: ENGAGEMENT }] }),
    path: '_entities.0',
    expect: market(),
  },
  {
    covers: 'Entity.ConsultancyEngagement@progress',
    name: '_entities ConsultancyEngagement { departmentProgress } (progress)',
    via: 'progress',
    operation: entities(
      '... on ConsultancyEngagement { id departmentProgress { subject before { value suppressed } } }',
    ),
    // An engagement at the own school, so the figure is over pupils this hub has.
    variables: () => ({
      r: [
        {
          __typename: 'ConsultancyEngagement',
          id: 'CE-MATRIX',
          toSchool: { urn: OWN_URN },
          subject: 'MATHS',
          startedOn: '2023-09-04',
          endedOn: '2024-07-19',
        },
      ],
    }),
    path: '_entities.0.departmentProgress',
    expect: market(),
  },
];

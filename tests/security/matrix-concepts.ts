import type { MatrixRow, Outcome } from './access-matrix.ts';
import { PERSONAS, type Persona } from './personas.ts';

/**
 * Rows of the h/concepts branch: the progress subgraph's concept results (read by the gateway for the parents
 * subgraph's traffic lights, never by clients) and the Parent View questionnaire in the carer's language.
 */
const outcomes = (granted: Persona[], fallback: Outcome = 'DENY') =>
  Object.fromEntries(PERSONAS.map((p) => [p, granted.includes(p) ? 'GRANT' : fallback])) as Record<
    Persona,
    Outcome
  >;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export const CONCEPTS_ROWS: MatrixRow[] = [
  {
    covers: 'Query.parentViewQuestionnaire',
    name: 'parentViewQuestionnaire',
    operation: '{ parentViewQuestionnaire { language statements { question statement } recommend } }',
    path: 'parentViewQuestionnaire',
    expect: outcomes([...PERSONAS]),
    check: (value, _, persona) => {
      const q = value as { language: string; statements: unknown[] };
      assert(q.statements.length === 13, 'thirteen statements');
      // The demo carers of the matrix are not English speakers: they get their own catalogue or English.
      if (!persona.startsWith('carer')) assert(q.language === 'en', 'English for everyone but carers');
    },
  },
  {
    covers: 'Field.Pupil.conceptResults',
    name: '_entities Pupil { conceptResults } (progress, @inaccessible)',
    via: 'progress',
    operation:
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { conceptResults { concept points expectedPoints } } } }',
    variables: (f) => ({ r: [{ __typename: 'Pupil', id: f.pupil }] }),
    path: '_entities.0.conceptResults',
    expect: outcomes(['staffOwn', 'learningGuide', 'trustOwn', 'carerOwn']),
    check: (value) => assert((value as unknown[]).length === 6, 'six concepts of the latest assessment'),
  },
  {
    covers: 'Field.Pupil.conceptResults',
    name: 'pupil { conceptResults } through the gateway',
    operation: 'query ($id: ID!) { pupil(id: $id) { conceptResults { points } } }',
    variables: (f) => ({ id: f.pupil }),
    path: 'pupil',
    expect: outcomes([], 'REFUSED'),
    note: '@inaccessible: the field is not in the API schema, so the gateway rejects the query for everyone (validation); only the gateway itself asks for it, for the parents subgraph’s @requires.',
  },
  {
    covers: 'Field.Pupil.trafficLights',
    name: 'pupil { trafficLights } through the gateway (concept results by @requires)',
    operation: 'query ($id: ID!) { pupil(id: $id) { id trafficLights { subject concept status label } } }',
    variables: (f) => ({ id: f.pupil }),
    path: 'pupil.trafficLights',
    expect: outcomes(['staffOwn', 'learningGuide', 'carerOwn']),
    check: (value) => {
      const lights = value as { status: string }[];
      assert(lights.length === 6, 'six lights, worked out from the progress subgraph’s concept results');
      assert(!JSON.stringify(lights).includes('oints'), 'no points');
    },
  },
];

import type { MatrixRow } from './access-matrix.ts';
import { type Fixtures, OWN_URN, PERSONAS, type Persona } from './personas.ts';

/**
 * Rows for the everyday actions (issue #19): what staff, carers and experts do after reading a figure. Each
 * mutation's grants AND denials per persona; refusals are checked to change nothing.
 */

type Outcome = MatrixRow['expect'][keyof MatrixRow['expect']];
/** These personas GRANT; everyone else DENY (unless named otherwise). */
function only(granted: Persona[], named: Partial<Record<Persona, Outcome>> = {}): MatrixRow['expect'] {
  return Object.fromEntries(
    PERSONAS.filter((p) => p !== 'dpo').map((p) => [p, named[p] ?? (granted.includes(p) ? 'GRANT' : 'DENY')]),
  ) as MatrixRow['expect'];
}
const OWN_STAFF: Persona[] = ['staffOwn', 'learningGuide'];

/** One light of the pupil: the demo's summer periodic assessment, writing composition. */
const LIGHT = (f: Fixtures) => ({
  pupilId: f.pupil,
  assessedOn: '2026-07-01',
  subject: 'WRITING',
  concept: 'COMPOSITION',
});
const LIGHTS_OF_PUPIL = {
  as: 'staffOwn' as Persona,
  operation:
    'query ($id: ID!) { pupil(id: $id) { trafficLights { assessedOn subject concept status setByTeacher teacherReason } } }',
  variables: (f: Fixtures) => ({ id: f.pupil }),
  path: 'pupil.trafficLights',
};

export const ACTIONS_ROWS: MatrixRow[] = [
  {
    covers: 'Mutation.setTrafficLight',
    name: 'setTrafficLight (a light of the pupil)',
    operation:
      'mutation ($input: SetTrafficLightInput!) { setTrafficLight(input: $input) { status reason setBy { id } } }',
    variables: (f, p) => ({ input: { ...LIGHT(f), status: 'GREEN', reason: `Access matrix: ${p}` } }),
    path: 'setTrafficLight',
    // The child's carers read the light but do not set it; other schools' staff are told FORBIDDEN.
    expect: only(OWN_STAFF),
    unchanged: LIGHTS_OF_PUPIL,
  },
  {
    covers: 'Mutation.clearTrafficLight',
    name: 'clearTrafficLight (the light just set)',
    operation: 'mutation ($input: ClearTrafficLightInput!) { clearTrafficLight(input: $input) { removed } }',
    variables: (f) => ({ input: LIGHT(f) }),
    path: 'clearTrafficLight',
    expect: only(OWN_STAFF),
    unchanged: LIGHTS_OF_PUPIL,
  },
  {
    covers: 'Mutation.setConsultationBookingsPerChild',
    name: 'setConsultationBookingsPerChild (own school)',
    operation:
      'mutation ($urn: Int!) { setConsultationBookingsPerChild(urn: $urn, perChild: 2) { consultationBookingsPerChild } }',
    variables: () => ({ urn: OWN_URN }),
    path: 'setConsultationBookingsPerChild',
    // A school's own staff; another school's staff (same trust and LA), carers and leaders are told FORBIDDEN.
    expect: only(OWN_STAFF),
    unchanged: {
      as: 'staffOwn',
      operation: 'query ($urn: Int!) { school(urn: $urn) { consultationBookingsPerChild } }',
      variables: () => ({ urn: OWN_URN }),
      path: 'school.consultationBookingsPerChild',
    },
  },
];

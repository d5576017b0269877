import { demoConsultancies } from '@commonroom/practice/demo';
import type { MatrixRow } from './access-matrix.ts';
import { type Fixtures, isOptionalPersona, OTHER_URN, OWN_URN, PERSONAS, type Persona } from './personas.ts';

/**
 * Rows for the everyday actions: what staff, carers and experts do after reading a figure. Each
 * mutation's grants AND denials per persona; refusals are checked to change nothing.
 */

type Outcome = MatrixRow['expect'][keyof MatrixRow['expect']];
/** These personas GRANT; everyone else DENY (unless named otherwise). */
function only(granted: Persona[], named: Partial<Record<Persona, Outcome>> = {}): MatrixRow['expect'] {
  return Object.fromEntries(
    PERSONAS.filter((p) => !isOptionalPersona(p)).map((p) => [
      p,
      named[p] ?? (granted.includes(p) ? 'GRANT' : 'DENY'),
    ]),
  ) as MatrixRow['expect'];
}
const OWN_STAFF: Persona[] = ['staffOwn', 'learningGuide'];

/**
 * A running demo engagement: Uppingham Community College's science team (136629, TR0962) in Casterton College
 * (137340, TR0963). No staff persona's school is involved; both trusts' leaders are.
 */
const RUNNING = demoConsultancies().find((c) => c.id === 'CE-002');
const CONSULTANCIES_OF_RECEIVER = {
  as: 'trustOwn' as Persona,
  operation: 'query { school(urn: 137340) { consultancies { id team { id } endedOn } } }',
  path: 'school.consultancies',
};

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
  {
    covers: 'Mutation.startConsultancy',
    name: 'startConsultancy (own school supports Leighfield, same trust)',
    operation:
      'mutation ($input: StartConsultancyInput!) { startConsultancy(input: $input) { id fromSchool { urn } toSchool { urn } } }',
    variables: (_f, p) => ({
      input: {
        fromUrn: OWN_URN,
        fromDepartmentId: `D${OWN_URN}-MAT`,
        toUrn: OTHER_URN,
        toDepartmentId: `D${OTHER_URN}-MAT`,
        subject: 'MATHS',
        teamStaffIds: [`S${OWN_URN}-02`],
        aims: `Access matrix: ${p}`,
        startedOn: '2026-09-07',
      },
    }),
    path: 'startConsultancy',
    // Both schools involved (the receiving school's staff too) and their trust; nobody else.
    expect: only([...OWN_STAFF, 'staffOther', 'trustOwn']),
    unchanged: {
      as: 'staffOwn',
      operation: `query { school(urn: ${OWN_URN}) { consultancies { id } } }`,
      path: 'school.consultancies',
    },
  },
  {
    covers: 'Mutation.staffConsultancy',
    name: 'staffConsultancy (CE-002, the same team again)',
    operation:
      'mutation ($id: ID!, $team: [ID!]!) { staffConsultancy(id: $id, teamStaffIds: $team) { id team { id } } }',
    variables: () => ({ id: 'CE-002', team: RUNNING?.teamStaffIds ?? [] }),
    path: 'staffConsultancy',
    // The trusts of the two schools involved; no staff persona's school is one of them.
    expect: only(['trustOwn', 'trustOther']),
    unchanged: CONSULTANCIES_OF_RECEIVER,
  },
  {
    covers: 'Mutation.closeConsultancy',
    name: 'closeConsultancy (CE-002)',
    operation: 'mutation ($id: ID!) { closeConsultancy(id: $id, endedOn: "2026-11-30") { id endedOn } }',
    variables: () => ({ id: 'CE-002' }),
    path: 'closeConsultancy',
    expect: only([], { trustOwn: 'COVERED', trustOther: 'COVERED' }),
    coveredBy: [
      'subgraphs/practice/src/consultancies.test.ts > are started by a school involved, staffed by the other, closed by their trust, and listed for both',
    ],
    coveredWhy: 'closing the demo engagement here would change the department progress other rows read',
    unchanged: CONSULTANCIES_OF_RECEIVER,
  },
];

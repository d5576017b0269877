import { readFileSync } from 'node:fs';
import type { MatrixRow, Outcome } from './access-matrix.ts';
import { OWN_LA, OWN_TRUST, OWN_URN, PERSONAS, type Persona, YEAR } from './personas.ts';

/**
 * Rows of the h/datain branch: importing a Common Transfer File. The file is the demo CTF addressed to the own
 * school, so only that school's staff may import it; they are COVERED (the grant writes pupils, so it is
 * exercised in subgraphs/progress/src/ctf/ctf.test.ts and tests/e2e/ctf.test.ts, not here).
 */
const DEMO_CTF = readFileSync(new URL('../../data/ctf/8575404_CTF_8575406_001.xml', import.meta.url), 'utf8');
const toOwnSchool = DEMO_CTF.replace(
  /<DestSchool>[\s\S]*?<\/DestSchool>/,
  `<DestSchool><LEA>857</LEA><Estab>2313</Estab><URN>${OWN_URN}</URN></DestSchool>`,
);

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const outcomes = (named: Partial<Record<Persona, Outcome>>, fallback: Outcome = 'DENY') =>
  Object.fromEntries(PERSONAS.map((p) => [p, named[p] ?? fallback])) as Record<Persona, Outcome>;

export const CTF_ROWS: MatrixRow[] = [
  {
    covers: 'Mutation.importCommonTransferFile',
    name: 'importCommonTransferFile (to the own school)',
    operation: 'mutation ($xml: String!) { importCommonTransferFile(xml: $xml) { urn inserted } }',
    variables: () => ({ xml: toOwnSchool }),
    path: 'importCommonTransferFile',
    expect: outcomes({ staffOwn: 'COVERED', learningGuide: 'COVERED' }),
    coveredBy: [
      "subgraphs/progress/src/ctf/ctf.test.ts > imports for the destination school's staff and names every pupil in the audit trail",
      "tests/e2e/ctf.test.ts > imports the demo file for the destination school's staff, and the pupils read back with their results",
    ],
    note: 'Staff of another school are FORBIDDEN: the destination in the header must be the caller’s own school.',
  },
  {
    covers: 'Field.School.pupils',
    name: 'school { pupils(search: UPN) } (the roster)',
    operation:
      'query ($urn: Int!, $search: String) { school(urn: $urn) { pupils(first: 5, search: $search) { totalCount nodes { id } } } }',
    variables: (f) => ({ urn: OWN_URN, search: f.upn }),
    path: 'school.pupils',
    expect: outcomes({ staffOwn: 'GRANT', learningGuide: 'GRANT', trustOwn: 'GRANT' }),
    check: (value, f) => {
      const roster = value as { totalCount: number; nodes: { id: string }[] };
      assert(roster.totalCount === 1 && roster.nodes[0]?.id === f.pupil, 'the UPN finds the one pupil');
    },
    note: 'The roster names pupils: the school’s staff and its trust’s leaders only; LA officers, other schools and carers are FORBIDDEN.',
  },
  {
    covers: 'Field.Trust.statutoryGapIndex',
    name: 'trust { statutoryGapIndex(KS2) }',
    operation: `query ($id: ID!) { trust(id: $id) { statutoryGapIndex(keyStage: KS2, academicYear: ${YEAR - 1}) { keyStage index { value suppressed code } } } }`,
    variables: () => ({ id: OWN_TRUST }),
    path: 'trust.statutoryGapIndex',
    expect: outcomes({ trustOwn: 'GRANT', trusteeOwn: 'GRANT' }),
    note: 'As the trust’s other gaps: its own leaders and trustees (rounded) only; the other trust’s leaders and trustees, LA officers, staff, governors and carers are FORBIDDEN.',
  },
  {
    covers: 'Field.LocalAuthority.statutoryGapIndex',
    name: 'localAuthority { statutoryGapIndex(KS4) }',
    operation: `query ($code: String!) { localAuthority(code: $code) { statutoryGapIndex(keyStage: KS4, academicYear: ${YEAR - 1}) { keyStage index { value suppressed code } } } }`,
    variables: () => ({ code: OWN_LA }),
    path: 'localAuthority.statutoryGapIndex',
    expect: outcomes({ laOwn: 'GRANT' }),
    note: 'As the LA’s other gaps: its own officers only (aggregates, rounded).',
  },
  ...(['leaving', 'left'] as const).flatMap((which): MatrixRow[] => {
    const when = which === 'leaving' ? 'before its leaving date' : 'after its leaving date';
    // The school the pupil left keeps the child's parent-facing data until the leaving date, as in progress.
    const readers = outcomes(
      which === 'leaving'
        ? { staffOwn: 'GRANT', learningGuide: 'GRANT', staffOther: 'GRANT' }
        : { staffOwn: 'GRANT', learningGuide: 'GRANT' },
    );
    const note =
      which === 'leaving'
        ? 'A pupil who moved here from the other school by a CTF: the other school’s staff still see the child until the leaving date (inclusive).'
        : 'A pupil who moved here from the other school: after the leaving date its staff are FORBIDDEN, as in progress.';
    const child = (f: { moved: Record<typeof which, string> }) => ({
      r: [{ __typename: 'Pupil', id: f.moved[which] }],
    });
    return [
      {
        covers: 'Entity.Pupil@parents',
        name: `_entities Pupil { carers } of a pupil who moved, ${when} (parents)`,
        via: 'parents',
        operation:
          'query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { id carers { relationship } } } }',
        variables: child,
        path: '_entities.0.carers',
        expect: readers,
        note,
      },
      {
        covers: 'Entity.Pupil@parents',
        name: `_entities Pupil { messages trafficLights } of a pupil who moved, ${when} (parents)`,
        via: 'parents',
        operation:
          'query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { id messages(first: 1) { totalCount } trafficLights { subject } } } }',
        variables: child,
        path: ['_entities.0.messages', '_entities.0.trafficLights'],
        expect: readers,
        note,
      },
    ];
  }),
];

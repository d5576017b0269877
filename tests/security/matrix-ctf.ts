import { readFileSync } from 'node:fs';
import type { MatrixRow, Outcome } from './access-matrix.ts';
import { OWN_URN, PERSONAS, type Persona } from './personas.ts';

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
    coveredBy: 'subgraphs/progress/src/ctf/ctf.test.ts (the mutation, direct) and tests/e2e/ctf.test.ts',
    note: 'Staff of another school are FORBIDDEN: the destination in the header must be the caller’s own school.',
  },
];

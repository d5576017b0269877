import { parentsUnderTest } from '@commonroom/parents/testing';
import { practiceUnderTest } from '@commonroom/practice/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { type GraphQLResponse, startTestHub, type TestHub } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTRACT_ROWS,
  ENTITY_ROWS,
  FIELD_ROWS,
  MATRIX,
  type MatrixRow,
  MUTATION_ROWS,
  type Outcome,
  outcomeOf,
  QUERY_ROWS,
} from './access-matrix.ts';
import {
  type Fixtures,
  findFixtures,
  OTHER_URN,
  OWN_URN,
  PERSONAS,
  type Persona,
  viewerOf,
} from './personas.ts';
import { SENSITIVE_FIELDS } from './sensitive-fields.ts';

/**
 * The role × operation matrix (access-matrix.ts) run against the real gateway and all four subgraphs on fresh
 * databases: every row as every persona. Progress is seeded with the two schools the rows use; the other
 * subgraphs seed what their testing exports seed. Cases marked pending are skipped unless
 * SECURITY_RUN_PENDING=1.
 */
const RUN_PENDING = process.env.SECURITY_RUN_PENDING === '1';

let hub: TestHub;
let fixtures: Fixtures;
beforeAll(async () => {
  hub = await startTestHub([
    schoolsUnderTest,
    progressUnderTest({ urns: [OWN_URN, OTHER_URN] }),
    practiceUnderTest,
    parentsUnderTest,
  ]);
  fixtures = await findFixtures(hub);
});
afterAll(() => hub?.close());

/** Reads asked more than once (the sensitive-field rows share one request per persona) are asked once. */
const asked = new Map<string, Promise<GraphQLResponse>>();
function ask(row: Pick<MatrixRow, 'via' | 'operation' | 'variables'>, persona: Persona) {
  const key = JSON.stringify([row.via, row.operation, row.variables?.(fixtures, persona), persona]);
  let response = asked.get(key);
  if (!response) {
    response = send(row, persona);
    asked.set(key, response);
  }
  return response;
}

function send(row: Pick<MatrixRow, 'via' | 'operation' | 'variables'>, persona: Persona) {
  const viewer = viewerOf(persona, fixtures);
  const variables = row.variables?.(fixtures, persona);
  if (!row.via || row.via === 'gateway') return hub.query(viewer, row.operation, variables);
  const subgraph = hub.subgraphs[row.via];
  if (!subgraph) throw new Error(`no ${row.via} subgraph`);
  return subgraph.request(viewer, row.operation, variables);
}

function at(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (value === null || value === undefined) return value;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const DENIAL_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/**
 * Whether an error's path is the protected path, above it or below it (no path: the whole request). List
 * indexes are left out of the comparison: the gateway drops them from errors of entity fields.
 */
function related(errorPath: (string | number)[] | undefined, path: string): boolean {
  if (!errorPath) return true;
  const fields = (p: (string | number)[]) =>
    p.filter((k) => typeof k === 'string' && !/^\d+$/.test(k)).join('.');
  const a = fields(errorPath);
  const b = fields(path.split('.'));
  return a === b || b.startsWith(`${a}.`) || a.startsWith(`${b}.`);
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (value && typeof value === 'object') {
    const { nodes, totalCount } = value as { nodes?: unknown[]; totalCount?: number };
    return (nodes === undefined || nodes.length === 0) && (totalCount === undefined || totalCount === 0);
  }
  return false;
}

/** Asserts one case at each protected path; the message carries what came back, so a failure reads as a report. */
function assertOutcome(
  res: GraphQLResponse,
  row: Pick<MatrixRow, 'path' | 'check'>,
  persona: Persona,
  outcome: Outcome,
) {
  const paths = Array.isArray(row.path) ? row.path : [row.path];
  const errors = (res.errors ?? []).map((e) => ({
    code: e.extensions?.code,
    message: e.message,
    path: e.path,
  }));
  const values = paths.map((path) => at(res.data, path));
  const got = JSON.stringify({
    status: res.status,
    errors,
    ...Object.fromEntries(paths.map((path, i) => [path, values[i]])),
  }).slice(0, 800);
  paths.forEach((path, i) => {
    const value = values[i];
    switch (outcome) {
      case 'GRANT':
        expect(errors, got).toEqual([]);
        expect(value ?? null, got).not.toBeNull();
        row.check?.(value, fixtures, persona);
        return;
      case 'DENY':
        // A denial of this part: the error is on the path, on a field above it, or on one below it.
        expect(
          errors.some((e) => DENIAL_CODES.has(String(e.code)) && related(e.path, path)),
          got,
        ).toBe(true);
        expect(value ?? null, got).toBeNull();
        return;
      case 'REFUSED':
        expect(errors.length, got).toBeGreaterThan(0);
        expect(value ?? null, got).toBeNull();
        return;
      case 'NULL':
        expect(errors, got).toEqual([]);
        expect(value, got).toBeNull();
        return;
      case 'EMPTY':
        expect(errors, got).toEqual([]);
        expect(isEmpty(value), got).toBe(true);
        return;
      case 'COVERED':
        throw new Error('COVERED cases are not run');
    }
  });
}

/** The test title, and whether the case is skipped. */
function caseOf(row: MatrixRow, persona: Persona) {
  const outcome = outcomeOf(row, persona);
  const title = `${row.name} · ${persona} → ${outcome}`;
  const pending = row.pending?.[persona];
  if (outcome === 'COVERED')
    return { title: `${title} (covered by ${row.coveredBy?.join('; ')})`, skip: true };
  if (pending && !RUN_PENDING) return { title: `${title} (pending: ${pending})`, skip: true };
  return { title, skip: false };
}

/** Sensitive-field rows: each field through `pupil(id:)`, and for carers through their own `me { children }`. */
const ALL_SENSITIVE = SENSITIVE_FIELDS.map((s) => s.field).join(' ');
const SENSITIVE_ROWS: MatrixRow[] = SENSITIVE_FIELDS.flatMap(({ field, seenBy }) => [
  {
    covers: `Sensitive.Pupil.${field}`,
    name: `pupil { ${field} }`,
    operation: `query ($id: ID!) { pupil(id: $id) { id ${ALL_SENSITIVE} } }`,
    variables: (f: Fixtures) => ({ id: f.pupil }),
    path: `pupil.${field}`,
    expect: Object.fromEntries(PERSONAS.map((p) => [p, seenBy.includes(p) ? 'GRANT' : 'DENY'])) as Record<
      Persona,
      Outcome
    >,
    check: (value: unknown, f: Fixtures) => {
      if (field === 'upn') expect(value).toBe(f.upn);
    },
  },
  {
    covers: `Sensitive.Pupil.${field}`,
    name: `me { children { ${field} } }`,
    operation: `{ me { ... on Carer { children { id ${ALL_SENSITIVE} } } } }`,
    path: `me.children.0.${field}`,
    // Only carers have children; for everyone else `me` is null.
    expect: Object.fromEntries(PERSONAS.map((p) => [p, p.startsWith('carer') ? 'DENY' : 'NULL'])) as Record<
      Persona,
      Outcome
    >,
  },
]);

/** Rows feature branches append to MATRIX (tests/security/matrix-<branch>.ts) run here too, reads and mutations. */
const GROUPED = new Set([...QUERY_ROWS, ...FIELD_ROWS, ...ENTITY_ROWS, ...CONTRACT_ROWS, ...MUTATION_ROWS]);
const ADDED = MATRIX.filter((row) => !GROUPED.has(row));
const isMutation = (row: MatrixRow) => row.covers.startsWith('Mutation.');

const READ_ROWS: [string, MatrixRow[]][] = [
  ['root queries', QUERY_ROWS],
  ['protected entity fields', FIELD_ROWS],
  ['_entities straight to each subgraph (gateway-signed)', ENTITY_ROWS],
  ['contract operations', CONTRACT_ROWS],
  ['sensitive pupil fields', SENSITIVE_ROWS],
  ['rows added by feature branches', ADDED.filter((row) => !isMutation(row))],
];

/** Runs `work` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

describe('reads', () => {
  // Every read, asked once. One persona at a time, that persona's requests in parallel, so that each case's
  // answer is its persona's alone whatever the gateway does with concurrent callers (that is tested on its
  // own, in 'the gateway keeps concurrent viewers apart' below).
  const responses = new Map<MatrixRow, Map<Persona, GraphQLResponse>>();
  beforeAll(async () => {
    const rows = READ_ROWS.flatMap(([, r]) => r);
    for (const row of rows) responses.set(row, new Map());
    for (const persona of PERSONAS) {
      const asked = rows.filter((row) => !caseOf(row, persona).skip);
      await pool(asked, 6, async (row) => {
        responses.get(row)?.set(persona, await ask(row, persona));
      });
    }
  });

  for (const [group, rows] of READ_ROWS) {
    describe(group, () => {
      for (const row of rows) {
        for (const persona of PERSONAS) {
          const { title, skip } = caseOf(row, persona);
          it.skipIf(skip)(title, () => {
            const res = responses.get(row)?.get(persona);
            if (!res) throw new Error('not asked');
            assertOutcome(res, row, persona, outcomeOf(row, persona));
          });
        }
      }
    });
  }
});

describe('mutations', () => {
  for (const row of [...MUTATION_ROWS, ...ADDED.filter(isMutation)]) {
    describe(row.name, () => {
      const refusedBy = PERSONAS.filter(
        (p) => ['DENY', 'REFUSED'].includes(outcomeOf(row, p)) && !caseOf(row, p).skip,
      );
      const responses = new Map<Persona, GraphQLResponse>();
      let before: unknown;
      let after: unknown;
      const probe = async () => {
        const { unchanged } = row;
        if (!unchanged) return undefined;
        const res = await hub.query(
          viewerOf(unchanged.as, fixtures),
          unchanged.operation,
          unchanged.variables?.(fixtures),
        );
        expect(res.errors, `probe for ${row.name}`).toBeUndefined();
        return at(res.data, unchanged.path);
      };
      beforeAll(async () => {
        before = await probe();
        // Refusals all at once; grants one by one below, after the second probe.
        const answers = await Promise.all(refusedBy.map((p) => send(row, p)));
        for (const [i, p] of refusedBy.entries()) responses.set(p, answers[i] as GraphQLResponse);
        after = await probe();
      });
      for (const persona of refusedBy) {
        it(caseOf(row, persona).title, () => {
          assertOutcome(responses.get(persona) as GraphQLResponse, row, persona, outcomeOf(row, persona));
        });
      }
      if (row.unchanged) {
        it(`${row.name} · the refusals changed nothing (as seen by ${row.unchanged.as})`, () => {
          expect(before).not.toBeUndefined();
          expect(after).toEqual(before);
        });
      }
      for (const persona of PERSONAS.filter((p) => !refusedBy.includes(p))) {
        const { title, skip } = caseOf(row, persona);
        // Grants run one at a time, after the refusals, in persona order.
        it.skipIf(skip)(title, async () => {
          assertOutcome(await send(row, persona), row, persona, outcomeOf(row, persona));
        });
      }
    });
  }
});

/**
 * Regression guard for an access bug this matrix found: the Hive gateway merged identical subgraph queries in
 * flight at the same time (`deduplicateInflightRequests`, on by default in @graphql-tools/executor-http),
 * keyed by URL and body only, while the viewer's signed headers are added later, in the identity plugin's
 * `onFetch`; two people asking the same thing at once both got the answer signed for whichever asked first
 * (another family's carer got a pupil's ethnicity; the pupil's own school got FORBIDDEN). Fixed in the
 * gateway (035056b: `deduplicateInflightRequests: false`).
 */
describe('the gateway keeps concurrent viewers apart', () => {
  it('answers identical queries in flight together each as its own viewer', async () => {
    const query = 'query ($id: ID!) { pupil(id: $id) { id ethnicity } }';
    const askers: Persona[] = Array.from({ length: 10 }, (_, i) => (i % 2 ? 'carerOther' : 'staffOwn'));
    const answers = await Promise.all(
      askers.map((p) => hub.query(viewerOf(p, fixtures), query, { id: fixtures.pupil })),
    );
    const leaked = answers.filter((res, i) => askers[i] === 'carerOther' && at(res.data, 'pupil') != null);
    const refused = answers.filter((res, i) => askers[i] === 'staffOwn' && at(res.data, 'pupil') == null);
    expect({ leakedToAnotherCarer: leaked.length, refusedToOwnSchool: refused.length }).toEqual({
      leakedToAnotherCarer: 0,
      refusedToOwnSchool: 0,
    });
  });
});

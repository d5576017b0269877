import { readFileSync } from 'node:fs';
import { listenGateway, type QueryPlanner, type RunningGateway } from '@commonroom/gateway';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { practiceUnderTest } from '@commonroom/practice/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub, testGatewayOptions, tokenFor } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_ROWS } from '../security/access-matrix.ts';
import { type Fixtures, findFixtures, OTHER_URN, OWN_URN, PERSONAS, viewerOf } from '../security/personas.ts';

/**
 * The two query planners `QUERY_PLANNER` chooses between — the JavaScript one and Hive Router's Rust one
 * (@graphql-hive/router-runtime) — as two gateways over the same four subgraphs. Every contract operation as
 * every persona must give the same answer through both. Where they differ on purpose-built failures, the
 * difference is pinned, because it is why JavaScript stays the default (docs/benchmarks.md, "Query planner").
 */
let hub: TestHub;
let fixtures: Fixtures;
const gateways = {} as Record<QueryPlanner, RunningGateway>;

beforeAll(async () => {
  hub = await startTestHub([
    schoolsUnderTest,
    progressUnderTest({ urns: [OWN_URN, OTHER_URN] }),
    practiceUnderTest,
    parentsUnderTest,
  ]);
  fixtures = await findFixtures(hub);
  const urls = Object.fromEntries(Object.values(hub.subgraphs).map((s) => [s.name, s.url]));
  for (const planner of ['js', 'rust'] as const)
    gateways[planner] = await listenGateway(testGatewayOptions(urls, { queryPlanner: planner }), 0);
});
afterAll(async () => {
  await Promise.all(Object.values(gateways).map((g) => g.close()));
  await hub?.close();
});

interface Answer {
  status: number;
  data?: unknown;
  errors?: { path?: (string | number)[]; extensions?: { code?: string } }[];
}

async function ask(
  planner: QueryPlanner,
  persona: (typeof PERSONAS)[number],
  query: string,
  variables?: object,
): Promise<Answer> {
  const token = await tokenFor(viewerOf(persona, fixtures));
  const response = await fetch(gateways[planner].url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

const codes = (answer: Answer) => (answer.errors ?? []).map((e) => e.extensions?.code).sort();

describe('both query planners', () => {
  for (const row of CONTRACT_ROWS) {
    it(`give the same answer to ${row.name} as every persona`, async () => {
      for (const persona of PERSONAS) {
        const variables = row.variables?.(fixtures, persona);
        const [js, rust] = await Promise.all([
          ask('js', persona, row.operation, variables),
          ask('rust', persona, row.operation, variables),
        ]);
        expect({ persona, status: rust.status, data: rust.data, codes: codes(rust) }).toEqual({
          persona,
          status: js.status,
          data: js.data,
          codes: codes(js),
        });
      }
    });
  }

  it('null only the stopped subgraph’s fields, but the Rust planner puts the error on the parent list', async () => {
    const overview =
      '{ trust(id: "TR0963") { name schools { urn name practices(first: 3) { totalCount } } } }';
    await hub.subgraphs.practice?.pause();
    try {
      const [js, rust] = await Promise.all([
        ask('js', 'trustOwn', overview),
        ask('rust', 'trustOwn', overview),
      ]);
      expect(rust.data).toEqual(js.data);
      // The JavaScript planner's errors name the service and the exact field, list index included.
      const schools = (js.data as { trust: { schools: unknown[] } }).trust.schools;
      expect(js.errors?.map((e) => e.path)).toEqual(
        schools.map((_, i) => ['trust', 'schools', i, 'practices']),
      );
      expect(codes(js).every((code) => code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
      // The whole entity fetch failed, so Hive Router reports it where the fetch was joined in: `trust.schools`,
      // which came back whole. A client cannot tell from it which field is missing; the JavaScript planner says.
      expect(rust.errors?.map((e) => e.path?.join('.'))).toEqual(['trust.schools']);
      expect(codes(rust)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    } finally {
      await hub.subgraphs.practice?.resume();
    }
  });

  // After the requests above: the addon is loaded when the first operation is planned.
  it.skipIf(process.platform !== 'linux')(
    'really run Hive Router’s planner for rust (its addon is loaded)',
    () => {
      expect(readFileSync('/proc/self/maps', 'utf8')).toContain('hive_router_query_planner');
    },
  );
});

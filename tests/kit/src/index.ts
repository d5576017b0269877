import { signDevelopmentToken, type Viewer } from '@commonroom/auth';
import {
  type GatewayOptions,
  listenGateway,
  operationLimits,
  queryPlanner,
  type RunningGateway,
} from '@commonroom/gateway';
import { SUPERGRAPH_PATH, subgraphEntry } from '@commonroom/schema';
import {
  type GraphQLResponse,
  postJson,
  type SubgraphUnderTest,
  startTestSubgraph,
  type TestServerOptions,
  type TestSubgraph,
  testAuth,
} from '@commonroom/subgraph-kit/testing';

/**
 * The whole hub for end-to-end tests: the real gateway over the committed supergraph, routed over real HTTP to
 * subgraphs on fresh real databases. A subgraph's own tests need only `@commonroom/subgraph-kit/testing`,
 * whose helpers are passed on here for the end-to-end tests.
 */
export {
  type GraphQLResponse,
  type SubgraphUnderTest,
  startTestSubgraph,
  type TestServerOptions,
  type TestSubgraph,
  testAuth,
};

export interface TestHub {
  gateway: RunningGateway;
  subgraphs: Record<string, TestSubgraph>;
  /** Sends a request through the gateway with a development token for the viewer (none for anonymous). */
  query<T = Record<string, unknown>>(
    viewer: Viewer,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function tokenFor(viewer: Viewer): Promise<string | undefined> {
  return viewer.role === 'anonymous' ? undefined : signDevelopmentToken(viewer, testAuth);
}

/**
 * Gateway options as the tests run it: the committed supergraph, default limits, development mode, and the
 * query planner `QUERY_PLANNER` chooses (so the whole suite can run on either).
 */
export function testGatewayOptions(
  subgraphUrls: Record<string, string>,
  overrides: Partial<GatewayOptions> = {},
): GatewayOptions {
  return {
    supergraphPath: SUPERGRAPH_PATH,
    subgraphUrls,
    production: false,
    auth: testAuth,
    subgraphTimeoutMs: 30_000,
    limits: operationLimits({}),
    queryPlanner: queryPlanner(),
    logging: false,
    ...overrides,
  };
}

/** The real gateway over the committed supergraph, routed to the given subgraphs, all over real HTTP. */
export async function startTestHub(
  subgraphs: SubgraphUnderTest[],
  gatewayOverrides: Partial<GatewayOptions> = {},
  subgraphOptions: (name: string) => TestServerOptions = () => ({}),
): Promise<TestHub> {
  // Only a subgraph the registry lists (schema/subgraphs.ts) is in the supergraph.
  for (const s of subgraphs) subgraphEntry(s.name);
  const started = await Promise.all(subgraphs.map((s) => startTestSubgraph(s, subgraphOptions(s.name))));
  const gateway = await listenGateway(
    testGatewayOptions(Object.fromEntries(started.map((s) => [s.name, s.url])), gatewayOverrides),
    0,
  );
  return {
    gateway,
    subgraphs: Object.fromEntries(started.map((s) => [s.name, s])),
    async query(viewer, query, variables) {
      const token = await tokenFor(viewer);
      return postJson(
        gateway.url,
        JSON.stringify({ query, variables }),
        token ? { authorization: `Bearer ${token}` } : {},
      ) as never;
    },
    async close() {
      await gateway.close();
      await Promise.all(started.map((s) => s.close()));
    },
  };
}

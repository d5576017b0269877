import { authSettings, signDevelopmentToken, signViewer, type Viewer } from '@commonroom/auth';
import { type Db, type DbHandle, runMigrations } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import {
  type GatewayOptions,
  listenGateway,
  operationLimits,
  queryPlanner,
  type RunningGateway,
} from '@commonroom/gateway';
import { SUPERGRAPH_PATH, subgraphEntry } from '@commonroom/schema';
import {
  createSubgraphServer,
  type RunningSubgraph,
  type SubgraphDefinition,
  type SubgraphServerOptions,
} from '@commonroom/subgraph-kit';

export const testAuth = authSettings({ NODE_ENV: 'test' });

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; [k: string]: unknown };
  }[];
}

export interface TestSubgraph {
  name: string;
  handle: DbHandle;
  db: Db;
  url: string;
  /**
   * SQL statements sent since the last `resetQueryCount()`, leaving out the audit trail's own statement (one
   * per recorded request, counted by `auditStatementCount`), so that batching tests count the data's queries.
   */
  queryCount(): number;
  /** Statements writing the audit trail since the last `resetQueryCount()`. */
  auditStatementCount(): number;
  resetQueryCount(): void;
  /** Posts a request signed by the gateway's secret, as the given viewer. */
  request<T = Record<string, unknown>>(
    viewer: Viewer,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Takes the subgraph off the network (its port refuses connections) and brings it back on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export interface SubgraphUnderTest {
  name: string;
  migrationsDir: string;
  build(db: Db): SubgraphDefinition<object>;
  seed?(db: Db): Promise<unknown>;
}

async function postJson(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, ...json };
}

/** A subgraph on its own fresh database (PGlite in memory, or a new database on DATABASE_URL), over HTTP. */
/** Server options a test adds (its logger, metrics registry, tracing…) beyond the signing settings. */
export type TestServerOptions = Omit<SubgraphServerOptions, 'signingSecret' | 'signatureMaxAgeSeconds'>;

export async function startTestSubgraph(
  subgraph: SubgraphUnderTest,
  serverOptions: TestServerOptions = {},
): Promise<TestSubgraph> {
  subgraphEntry(subgraph.name); // only a subgraph the registry lists (schema/subgraphs.ts) is in the supergraph
  let count = 0;
  let audit = 0;
  const handle = await createTestDatabase({
    onQuery: (query) => {
      if (/\binsert into "\w+"\.audit_events\b/.test(query)) audit++;
      else count++;
    },
  });
  await runMigrations(handle, subgraph.name, subgraph.migrationsDir);
  if (subgraph.seed) await subgraph.seed(handle.db);
  const server = await createSubgraphServer(subgraph.build(handle.db), {
    ...serverOptions,
    signingSecret: testAuth.gatewaySigningSecret,
    signatureMaxAgeSeconds: testAuth.signatureMaxAgeSeconds,
  });
  const running: RunningSubgraph = await server.listen(0);
  return {
    name: subgraph.name,
    handle,
    db: handle.db,
    url: running.url,
    queryCount: () => count,
    auditStatementCount: () => audit,
    resetQueryCount: () => {
      count = 0;
      audit = 0;
    },
    async request(viewer, query, variables) {
      const body = JSON.stringify({ query, variables });
      return postJson(running.url, body, signViewer(viewer, body, testAuth.gatewaySigningSecret)) as never;
    },
    pause: () => running.pause(),
    resume: () => running.resume(),
    async close() {
      await running.close();
      await handle.close();
    },
  };
}

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

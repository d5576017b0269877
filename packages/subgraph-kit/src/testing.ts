/**
 * Test helpers for one subgraph: it runs on a fresh real database (PGlite in memory, or a new database on
 * DATABASE_URL) behind its real HTTP server, and requests are signed as the gateway signs them. The whole hub
 * behind the real gateway is the test kit's (tests/kit), which builds on these.
 */
import { authSettings, signViewer, type Viewer } from '@commonroom/auth';
import { type Db, type DbHandle, runMigrations } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import {
  createSubgraphServer,
  type RunningSubgraph,
  type SubgraphDefinition,
  type SubgraphServerOptions,
} from './server.ts';

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

export async function postJson(url: string, body: string, headers: Record<string, string>) {
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

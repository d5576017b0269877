import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AuthSettings, authSettings } from '@commonroom/auth';

/** Decided by measurement: see the README's "Query planner" benchmark. */
const DEFAULT_QUERY_PLANNER: QueryPlanner = 'js';

export const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export interface GatewaySettings {
  port: number;
  host: string;
  production: boolean;
  /** The supergraph SDL file to serve: `--supergraph FILE`, else `SUPERGRAPH`, else the committed one. */
  supergraphPath: string;
  /** Subgraph URLs that replace the ones composed into the supergraph: `SUBGRAPH_<NAME>_URL`. */
  subgraphUrls: Record<string, string>;
  /** Milliseconds a subgraph call may take before the gateway gives up on it. */
  subgraphTimeoutMs: number;
  limits: OperationLimits;
  /** A JSON file mapping sha256 hashes to operations; when set, only those operations are accepted. */
  persistedOperationsFile?: string;
  /** With a persisted-operations file: whether other documents are refused (the default) or also run. */
  persistedOperationsOnly?: boolean;
  /** Which federation query planner runs the requests: `rust` (Hive Router's, a native addon) or `js`. */
  queryPlanner: QueryPlanner;
  auth: AuthSettings;
}

export type QueryPlanner = 'rust' | 'js';

/** What one request may ask for, so no single caller can make the hub do unbounded work. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** GraphQL Armor's cost estimate (objects 2, scalars 1, ×1.5 per level of depth). */
  maxCost: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Most operations in one batched (array) request. */
  maxBatch: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number above 0, got "${raw}"`);
  return value;
}

export function operationLimits(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  return {
    maxDepth: positiveInt(env, 'MAX_DEPTH', 10),
    maxAliases: positiveInt(env, 'MAX_ALIASES', 15),
    maxTokens: positiveInt(env, 'MAX_TOKENS', 1500),
    maxDirectives: positiveInt(env, 'MAX_DIRECTIVES', 10),
    maxCost: positiveInt(env, 'MAX_COST', 5000),
    maxBodyBytes: positiveInt(env, 'MAX_BODY_BYTES', 100_000),
    maxBatch: positiveInt(env, 'MAX_BATCH', 10),
  };
}

/** `QUERY_PLANNER`: `rust` (default) or `js`. */
export function queryPlanner(env: NodeJS.ProcessEnv = process.env): QueryPlanner {
  const raw = env.QUERY_PLANNER;
  if (raw === undefined || raw === '') return DEFAULT_QUERY_PLANNER;
  if (raw === 'rust' || raw === 'js') return raw;
  throw new Error(`QUERY_PLANNER must be rust or js, got "${raw}"`);
}

export function gatewaySettings(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): GatewaySettings {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const flag = argv.indexOf('--supergraph');
  const fromFlag = flag >= 0 ? argv[flag + 1] : undefined;
  if (flag >= 0 && !fromFlag) throw new Error('--supergraph needs a file path');
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match?.[1] && value) subgraphUrls[match[1].toLowerCase()] = value;
  }
  const timeout = Number(env.SUBGRAPH_TIMEOUT_MS ?? 10_000);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new Error('SUBGRAPH_TIMEOUT_MS must be a positive number');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    production: env.NODE_ENV === 'production',
    supergraphPath: resolve(fromFlag ?? env.SUPERGRAPH ?? DEFAULT_SUPERGRAPH),
    subgraphUrls,
    subgraphTimeoutMs: timeout,
    limits: operationLimits(env),
    persistedOperationsFile: env.PERSISTED_OPERATIONS_FILE
      ? resolve(env.PERSISTED_OPERATIONS_FILE)
      : undefined,
    persistedOperationsOnly: persistedOperationsOnly(env.PERSISTED_OPERATIONS_ONLY),
    queryPlanner: queryPlanner(env),
    auth: authSettings(env),
  };
}

/** `PERSISTED_OPERATIONS_ONLY=false` also runs other documents (development: GraphiQL beside the web's hashes). */
function persistedOperationsOnly(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === 'true') return true;
  if (raw === 'false') return false;
  throw new Error(`PERSISTED_OPERATIONS_ONLY must be true or false, not "${raw}"`);
}

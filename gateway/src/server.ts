import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, createRegistry, inRequestTrace } from '@commonroom/telemetry';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { useFlattenRedundantFragments } from './documents.ts';
import type { GatewaySettings } from './env.ts';
import { useIdentity } from './identity.ts';
import { useRefuseNulCharacters } from './input.ts';
import { armorPlugins } from './limits.ts';
import { type GatewayObservability, hiveLogger, metricsRequest, observabilityPlugins } from './observe.ts';
import { usePartialFailure } from './partial-failure.ts';

export type GatewayOptions = Pick<
  GatewaySettings,
  | 'supergraphPath'
  | 'subgraphUrls'
  | 'production'
  | 'auth'
  | 'subgraphTimeoutMs'
  | 'limits'
  | 'persistedOperationsFile'
  | 'persistedOperationsOnly'
> & {
  /** `false`: no log at all (tests); default: the `logger` below. */
  logging?: boolean;
  queryPlanner?: GatewaySettings['queryPlanner'];
  /** Its logger, metrics registry, who may read `/metrics`, tracing; defaults: JSON at info, its own, open, off. */
  observability?: Partial<GatewayObservability>;
};

function observabilityOf(options: GatewayOptions): GatewayObservability {
  return {
    logger: options.observability?.logger ?? createLogger('gateway'),
    registry: options.observability?.registry ?? createRegistry('gateway'),
    metricsAccess: options.observability?.metricsAccess ?? 'open',
    tracing: options.observability?.tracing,
  };
}

async function readPersistedOperations(file: string | undefined): Promise<Map<string, string> | undefined> {
  if (!file) return undefined;
  const entries = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(entries));
}

/**
 * The Hive gateway runtime over a supergraph file. Subgraph URLs come from the supergraph unless
 * overridden (tests and deployments point them elsewhere).
 */
export async function createGateway(
  options: GatewayOptions,
  observability: GatewayObservability = observabilityOf(options),
) {
  const log = hiveLogger(observability.logger);
  // Read once, so a missing or unreadable file fails at start rather than on the first request.
  const supergraph = await readFile(options.supergraphPath, 'utf8');
  const identity = await useIdentity(options.auth);
  const persisted = await readPersistedOperations(options.persistedOperationsFile);
  // Hive Router's Rust query planner and its executor replace the JavaScript (stitching) planner; everything
  // else — plugins, transports, the signing `onFetch` hook — stays the same. Loaded only when chosen, so the
  // native addon is never in a process that does not use it.
  const unifiedGraphHandler =
    options.queryPlanner === 'rust'
      ? (await import('@graphql-hive/router-runtime')).unifiedGraphHandler
      : undefined;
  return createGatewayRuntime({
    supergraph,
    ...(unifiedGraphHandler ? { unifiedGraphHandler } : {}),
    transportEntries: {
      // The executor merges identical queries in flight into one subgraph call, keyed by the body alone,
      // before our signature is added: two callers with different rights asking the same thing at once
      // would both get the first one's answer. Never share a subgraph call between callers.
      '*': { options: { deduplicateInflightRequests: false } },
      ...Object.fromEntries(
        Object.entries(options.subgraphUrls).map(([name, location]) => [name, { location }]),
      ),
    },
    plugins: () => [
      ...observabilityPlugins(observability, log),
      identity,
      ...armorPlugins(options.limits, options.production),
      useRefuseNulCharacters(),
      usePartialFailure(),
      useFlattenRedundantFragments(),
    ],
    logging: options.logging === false ? false : log,
    graphiql: !options.production,
    landingPage: false,
    disableIntrospection: options.production ? { disableIf: () => true } : undefined,
    upstreamTimeout: options.subgraphTimeoutMs,
    batching: { limit: options.limits.maxBatch },
    // Browsers cannot send a JSON POST cross-site without a preflight; anything else must carry this header.
    csrfPrevention: { requestHeaders: ['x-graphql-csrf', 'apollo-require-preflight'] },
    ...(persisted
      ? {
          persistedDocuments: {
            getPersistedOperation: (key: string) => persisted.get(key) ?? null,
            allowArbitraryDocuments: options.persistedOperationsOnly === false,
          },
        }
      : {}),
    healthCheckEndpoint: '/healthcheck',
    readinessCheckEndpoint: '/readiness',
  });
}

function refuseTooLarge(res: ServerResponse, limit: number) {
  const body = {
    errors: [
      { message: `Request body is larger than ${limit} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } },
    ],
  };
  res.writeHead(413, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listenGateway(
  options: GatewayOptions,
  port: number,
  host = '127.0.0.1',
): Promise<RunningGateway> {
  const observability = observabilityOf(options);
  const gateway = await createGateway(options, observability);
  // The body limit is applied before the gateway reads anything: a declared length over it is refused at
  // once (413), and a body without a declared length is refused (411).
  const server: Server = createServer((req, res) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > options.limits.maxBodyBytes) {
      refuseTooLarge(res, options.limits.maxBodyBytes);
      req.resume(); // discard the body unread, so the client gets the answer rather than a reset
      return;
    }
    if (req.headers['transfer-encoding']) {
      // A streamed body of unknown length could not be refused before it is read: ask for a declared one.
      res.writeHead(411, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [
            {
              message: 'Send a Content-Length with the request body',
              extensions: { code: 'LENGTH_REQUIRED' },
            },
          ],
        }),
      );
      req.resume();
      return;
    }
    inRequestTrace(req, res, 'gateway', observability.tracing, () => {
      metricsRequest(req, res, observability).then(
        (served) => {
          if (!served) gateway(req, res);
        },
        (error) => {
          observability.logger.error({ err: error }, 'metrics');
          res.writeHead(500).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}/graphql`,
    port: actual,
    close: async () => {
      await gateway.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export {
  type GatewaySettings,
  gatewaySettings,
  type OperationLimits,
  operationLimits,
  type QueryPlanner,
  queryPlanner,
} from './env.ts';
export type { GatewayObservability } from './observe.ts';

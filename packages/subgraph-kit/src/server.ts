import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { expressMiddleware } from '@as-integrations/express5';
import {
  nulCharacterError,
  SIGNATURE_HEADER,
  SignatureError,
  serviceSigningSecret,
  VIEWER_HEADER,
  type Viewer,
  verifySignedRequest,
} from '@commonroom/auth';
import {
  createLogger,
  type Logger,
  type MetricsAccess,
  type Registry,
  type Tracing,
} from '@commonroom/telemetry';
import express from 'express';
import { type DocumentNode, GraphQLError } from 'graphql';
import { type AuditSettings, auditPlugin } from './audit.ts';
import { InternalCallError, type InternalCallHandler } from './internal.ts';
import { MemoryNonceStore, type NonceStore } from './nonces.ts';
import { createRegistry, metricsRoute, observabilityPlugin, traceRequests } from './observe.ts';

export interface SubgraphDefinition<Context> {
  /** Short name, as in schema/subgraphs.ts: schools, progress, practice, parents. */
  name: string;
  typeDefs: DocumentNode;
  /**
   * Its resolver map, typed by the types GraphQL Code Generator writes from its SDL (`src/generated/resolvers.ts`,
   * see codegen.ts): those check every field, argument and parent row, which Apollo's own `GraphQLResolverMap`
   * cannot (it has no place for `__resolveReference`'s reference argument), so it is taken as it is here.
   */
  resolvers: Record<string, unknown>;
  /** Builds the typed context (viewer, db, fresh DataLoaders) for one request. */
  createContext(viewer: Viewer): Context;
  /** Throws when the subgraph cannot serve (e.g. its database is unreachable). */
  healthCheck(): Promise<void>;
  /** Where and how it records its audit trail (audit.ts); subgraphs holding no pupil data and no changes leave it out. */
  audit?: AuditSettings;
  /** Calls other subgraphs make to this one (internal.ts), by name; none when left out. */
  internalCalls?: Record<string, InternalCallHandler>;
}

export interface SubgraphServerOptions {
  signingSecret: string;
  signatureMaxAgeSeconds: number;
  /** Largest request body accepted. */
  bodyLimit?: string;
  /** Extra Apollo plugins (tests use one to watch operations). */
  plugins?: ApolloServerPlugin<object>[];
  /** Where seen signature nonces are kept (replays are refused); default: this process's memory. Closed with the server. */
  nonces?: NonceStore;
  /** Its log; default: JSON lines on stdout at `info`. */
  logger?: Logger;
  /** Where its Prometheus metrics are registered; default: a registry of its own. */
  registry?: Registry;
  /** Who may read `/metrics`; default `open` (as in development). */
  metricsAccess?: MetricsAccess;
  /** OpenTelemetry tracing; default off. */
  tracing?: Tracing;
  /** Requests slower than this are logged as warnings; default 1000 ms. */
  slowRequestMs?: number;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  /** Stops accepting connections (as if the process were down) without losing state; `resume` listens again. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

type RequestWithRawBody = express.Request & { rawBody?: Buffer };

/**
 * An Apollo subgraph behind Express. Every request but the health check must carry the gateway's signed
 * viewer header; anything else gets 401 before GraphQL runs, so a subgraph called directly gives nothing.
 */
export async function createSubgraphServer<Context extends object>(
  definition: SubgraphDefinition<Context>,
  options: SubgraphServerOptions,
) {
  const app = express();
  app.disable('x-powered-by');
  const observability = {
    logger: options.logger ?? createLogger(definition.name),
    registry: options.registry ?? createRegistry(definition.name),
    metricsAccess: options.metricsAccess ?? 'open',
    tracing: options.tracing,
    slowRequestMs: options.slowRequestMs ?? 1000,
  };
  const { logger } = observability;
  // First, so every log line of the request (and its span, when tracing) carries the gateway's trace id.
  app.use(traceRequests(definition.name, observability.tracing));
  app.get('/metrics', metricsRoute(observability));
  const nonces = options.nonces ?? new MemoryNonceStore();
  // A signature is accepted while |now − iat| ≤ max age, so its nonce must be remembered for twice that.
  const nonceTtlMs = 2 * options.signatureMaxAgeSeconds * 1000;
  const apollo = new ApolloServer<Context>({
    schema: buildSubgraphSchema([
      { typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<Context> },
    ]),
    includeStacktraceInErrorResponses: false,
    // Inline traces are for Apollo Studio, which we do not use; they cost time on every entity call.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // The gateway refuses these first; a subgraph does not rely on it (a NUL would fail in Postgres).
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ document, request }) {
              const error = nulCharacterError(document, request.variables);
              if (error) throw error;
            },
          };
        },
      },
      observabilityPlugin(definition.name, observability) as ApolloServerPlugin<Context>,
      ...(definition.audit ? [auditPlugin(definition.audit) as ApolloServerPlugin<Context>] : []),
      ...((options.plugins ?? []) as ApolloServerPlugin<Context>[]),
    ],
    formatError(formatted, error) {
      // Errors we raise carry a code; anything else is a fault whose message (SQL, stack) stays in the log.
      const code = formatted.extensions?.code;
      if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
        logger.error({ err: error }, 'internal error');
        return { ...formatted, message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      return formatted;
    },
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      await definition.healthCheck();
      res.json({ status: 'ok', subgraph: definition.name });
    } catch (error) {
      res
        .status(503)
        .json({ status: 'unavailable', subgraph: definition.name, reason: (error as Error).message });
    }
  });

  // The signature covers the exact bytes sent, so the raw body is kept beside the parsed one.
  const jsonKeepingRawBody = express.json({
    limit: options.bodyLimit ?? '1mb',
    verify: (req, _res, buf) => {
      (req as RequestWithRawBody).rawBody = buf;
    },
  });
  app.use(
    '/graphql',
    jsonKeepingRawBody,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const signed = verifySignedRequest(
            { viewer: req.header(VIEWER_HEADER), signature: req.header(SIGNATURE_HEADER) },
            (req as RequestWithRawBody).rawBody ?? '',
            options.signingSecret,
            options.signatureMaxAgeSeconds,
          );
          let fresh: boolean;
          try {
            fresh = await nonces.claim(signed.nonce, nonceTtlMs);
          } catch (error) {
            // Fail closed: without the store a replay could not be told from a new request.
            logger.error({ err: error }, 'nonce store unavailable');
            throw new GraphQLError('The replay check is unavailable; try again.', {
              extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
            });
          }
          if (!fresh) throw new SignatureError('gateway signature has been used before (replay)');
          return definition.createContext(signed.viewer);
        } catch (error) {
          if (!(error instanceof SignatureError)) throw error;
          throw new GraphQLError(`Requests must come through the gateway: ${error.message}`, {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
      },
    }),
  );

  const internalCalls = definition.internalCalls ?? {};
  app.post('/internal/:call', jsonKeepingRawBody, async (req, res) => {
    const call = req.params.call;
    try {
      const signed = verifySignedRequest(
        { viewer: req.header(VIEWER_HEADER), signature: req.header(SIGNATURE_HEADER) },
        (req as RequestWithRawBody).rawBody ?? '',
        serviceSigningSecret(options.signingSecret),
        options.signatureMaxAgeSeconds,
      );
      if (!(await nonces.claim(signed.nonce, nonceTtlMs)))
        throw new SignatureError('service signature has been used before (replay)');
    } catch (error) {
      if (!(error instanceof SignatureError)) throw error;
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: error.message } });
      return;
    }
    const handler = Object.hasOwn(internalCalls, call) ? internalCalls[call] : undefined;
    const body = req.body as { call?: unknown; args?: unknown };
    if (!handler || body?.call !== call) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: `no internal call "${call}"` } });
      return;
    }
    try {
      res.json({ result: await handler(body.args) });
    } catch (error) {
      if (error instanceof InternalCallError) {
        res.status(400).json({ error: { code: error.code, message: error.message } });
        return;
      }
      logger.error({ err: error, call }, 'internal call failed');
      res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' } });
    }
  });

  return {
    app,
    apollo,
    async listen(port = 0, host = '127.0.0.1'): Promise<RunningSubgraph> {
      const open = (at: number) =>
        new Promise<Server>((resolve) => {
          const s = app.listen(at, host, () => resolve(s));
        });
      const shut = (server: Server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      let server = await open(port);
      const actual = (server.address() as AddressInfo).port;
      return {
        url: `http://${host}:${actual}/graphql`,
        port: actual,
        pause: () => shut(server),
        resume: async () => {
          server = await open(actual);
        },
        close: async () => {
          await apollo.stop();
          await shut(server);
          await nonces.close();
        },
      };
    },
  };
}

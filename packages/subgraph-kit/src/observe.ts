import type { ApolloServerPlugin } from '@apollo/server';
import {
  Counter,
  createRegistry,
  Histogram,
  inRequestTrace,
  LATENCY_BUCKETS,
  type Logger,
  type MetricsAccess,
  type Registry,
  serveMetrics,
  type Tracing,
} from '@commonroom/telemetry';
import type express from 'express';

/** What a subgraph server reports about itself: its log, its Prometheus registry, its traces (when on). */
export interface SubgraphObservability {
  logger: Logger;
  registry: Registry;
  metricsAccess: MetricsAccess;
  tracing?: Tracing;
  slowRequestMs: number;
}

/** Operation names come from callers: keep the label short and bounded to name characters. */
const operationLabel = (name: string | null | undefined) =>
  name ? name.replace(/[^\w]/g, '_').slice(0, 64) : 'anonymous';

/** Express middleware running each request inside its trace (telemetry's `inRequestTrace`). */
export function traceRequests(name: string, tracing: Tracing | undefined): express.RequestHandler {
  return (req, res, next) => inRequestTrace(req, res, name, tracing, next);
}

/** `GET /metrics` in Prometheus's text format, for whoever `metricsAccess` lets in. */
export function metricsRoute(o: SubgraphObservability): express.RequestHandler {
  return (req, res, next) => {
    serveMetrics(req, res, o.registry, o.metricsAccess).catch(next);
  };
}

/**
 * Counts and times every GraphQL request per operation, counts errors by code, and logs each request at
 * debug (slow ones at warn), all with the request's trace id.
 */
export function observabilityPlugin(subgraph: string, o: SubgraphObservability): ApolloServerPlugin<object> {
  const requests = new Counter({
    name: 'commonroom_subgraph_requests_total',
    help: 'GraphQL requests a subgraph answered, by operation and outcome (ok, or error when any error was returned)',
    labelNames: ['subgraph', 'operation', 'outcome'],
    registers: [o.registry],
  });
  const duration = new Histogram({
    name: 'commonroom_subgraph_request_duration_seconds',
    help: 'Time a subgraph took to answer a GraphQL request, by operation',
    labelNames: ['subgraph', 'operation'],
    buckets: LATENCY_BUCKETS,
    registers: [o.registry],
  });
  const errors = new Counter({
    name: 'commonroom_subgraph_errors_total',
    help: 'GraphQL errors a subgraph returned, by extensions.code',
    labelNames: ['subgraph', 'code'],
    registers: [o.registry],
  });
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, errors: raised, operationName }) {
          const seconds = (performance.now() - started) / 1000;
          const operation = operationLabel(operationName ?? request.operationName);
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? raised ?? []).map((e) =>
            String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
          );
          requests.inc({ subgraph, operation, outcome: codes.length ? 'error' : 'ok' });
          duration.observe({ subgraph, operation }, seconds);
          for (const code of codes) errors.inc({ subgraph, code });
          const ms = Math.round(seconds * 1000);
          const line = { operation, ms, ...(codes.length ? { errorCodes: codes } : {}) };
          if (ms >= o.slowRequestMs) o.logger.warn(line, 'slow request');
          else o.logger.debug(line, 'request');
        },
      };
    },
  };
}

export { createRegistry };

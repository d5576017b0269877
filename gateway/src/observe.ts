import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Counter,
  currentTrace,
  formatTraceparent,
  type Logger,
  type MetricsAccess,
  type Registry,
  serveMetrics,
  TRACEPARENT_HEADER,
  type Tracing,
} from '@commonroom/telemetry';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Logger as HiveLogger } from '@graphql-hive/logger';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import { useOpenTelemetry } from '@graphql-hive/plugin-opentelemetry';
import useMeshPrometheus from '@graphql-mesh/plugin-prometheus';

/** What the gateway reports about itself (docs/observability.md). */
export interface GatewayObservability {
  logger: Logger;
  registry: Registry;
  metricsAccess: MetricsAccess;
  tracing?: Tracing;
}

/** The runtime's own logger, writing through our pino logger (so its lines carry the trace id too). */
export function hiveLogger(logger: Logger): HiveLogger {
  const level = logger.level === 'silent' ? false : logger.level === 'fatal' ? 'error' : logger.level;
  return new HiveLogger({ level: level as 'info', writers: [new PinoLogWriter(logger)] });
}

/** Answers `GET /metrics` for whoever may read it; false when the request is for something else. */
export async function metricsRequest(
  req: IncomingMessage,
  res: ServerResponse,
  o: GatewayObservability,
): Promise<boolean> {
  if (req.url?.split('?')[0] !== '/metrics' || req.method !== 'GET') return false;
  await serveMetrics(req, res, o.registry, o.metricsAccess);
  return true;
}

/**
 * Sends the request's `traceparent` to every subgraph it calls (the tracing plugin, when on, replaces it with
 * its fetch span's — the same trace). It is not covered by the gateway's signature: it only ties log lines
 * and spans together, and a subgraph trusts nothing in it.
 */
function usePropagateTrace(): GatewayPlugin {
  return {
    onFetch({ options, setOptions }) {
      const trace = currentTrace();
      const headers = (options.headers ?? {}) as Record<string, string>;
      if (!trace || headers[TRACEPARENT_HEADER]) return;
      setOptions({ ...options, headers: { ...headers, [TRACEPARENT_HEADER]: formatTraceparent(trace) } });
    },
  };
}

/** Counts the errors the gateway answers with, by `extensions.code` (the Prometheus plugin has no code label). */
function useErrorCodeMetrics(registry: Registry): GatewayPlugin {
  const errors = new Counter({
    name: 'commonroom_gateway_errors_total',
    help: 'GraphQL errors in the gateway answers, by extensions.code',
    labelNames: ['code'],
    registers: [registry],
  });
  return {
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        const list = (one as { errors?: readonly { extensions?: { code?: unknown } }[] }).errors ?? [];
        for (const e of list) errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
      }
    },
  };
}

/**
 * The gateway's metrics (the Hive Prometheus plugin: requests and latency per operation, subgraph calls and
 * their latency and errors per subgraph; ours: errors by code), tracing when on, and trace propagation.
 */
export function observabilityPlugins(o: GatewayObservability, log: HiveLogger): GatewayPlugin[] {
  return [
    useMeshPrometheus({
      log,
      registry: o.registry,
      endpoint: false, // served by the HTTP server, behind METRICS_TOKEN (serveMetrics)
      metrics: {
        graphql_envelop_request: true,
        graphql_envelop_request_duration: true,
        graphql_envelop_error_result: true,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_request_time_summary: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
        graphql_yoga_http_duration: true,
        graphql_gateway_fetch_duration: true,
        graphql_gateway_subgraph_execute_duration: true,
        graphql_gateway_subgraph_execute_errors: true,
      },
      labels: { subgraphName: true },
    }) as GatewayPlugin,
    useErrorCodeMetrics(o.registry),
    usePropagateTrace(),
    ...(o.tracing ? [useOpenTelemetry({ traces: { tracer: o.tracing.tracer }, log }) as GatewayPlugin] : []),
  ];
}

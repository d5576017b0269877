import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  continueTrace,
  formatTraceparent,
  parseTraceparent,
  runInTrace,
  TRACEPARENT_HEADER,
  type TraceContext,
} from './trace-context.ts';

/** OpenTelemetry tracing of one service, exporting OTLP over HTTP. */
export interface Tracing {
  tracer: Tracer;
  /** Sends the spans still buffered (tests call it before reading the receiver). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Tracing for `service` exporting to `endpoint` (OTLP/HTTP, `…/v1/traces` appended as the OTLP spec says for
 * `OTEL_EXPORTER_OTLP_ENDPOINT`), or undefined when no endpoint is set: tracing is off by default. Each
 * service has its own provider rather than the global one, so a test process can hold a gateway and
 * several subgraphs, each named for itself.
 */
export function createTracing(service: string, endpoint: string | undefined): Tracing | undefined {
  if (!endpoint) return undefined;
  // Extracting and injecting `traceparent` (the gateway's tracing plugin uses the global API) and keeping
  // the active span across awaits. Registering twice is a no-op.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': `commonroom-${service}` }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  return {
    tracer: provider.getTracer('@commonroom/telemetry'),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

/** One incoming request's trace: its context for logs and outgoing calls, and the span to end (if tracing). */
export interface RequestTrace {
  context: TraceContext;
  span?: Span;
  end(): void;
}

/**
 * Starts the trace of an incoming HTTP request from its `traceparent` header: the caller's trace continues,
 * or a new one starts. With tracing on, a server span is started (child of the caller's span) and the trace
 * context takes its ids, so log lines and exported spans carry the same trace and span ids.
 */
export function startRequestTrace(
  traceparent: string | null | undefined,
  name: string,
  tracing: Tracing | undefined,
): RequestTrace {
  if (!tracing) {
    const context_ = continueTrace(traceparent);
    return { context: context_, end: () => {} };
  }
  const caller = parseTraceparent(traceparent);
  const parent = caller
    ? trace.setSpanContext(ROOT_CONTEXT, {
        traceId: caller.traceId,
        spanId: caller.parentSpanId as string,
        traceFlags: Number.parseInt(caller.flags, 16),
        isRemote: true,
      })
    : ROOT_CONTEXT;
  const span = tracing.tracer.startSpan(name, { kind: SpanKind.SERVER }, parent);
  const ids = span.spanContext();
  return {
    context: {
      traceId: ids.traceId,
      spanId: ids.spanId,
      parentSpanId: caller?.parentSpanId,
      flags: ids.traceFlags.toString(16).padStart(2, '0'),
    },
    span,
    end: () => span.end(),
  };
}

/** Runs `fn` with `span` as the active OpenTelemetry span, so spans started inside are its children. */
export function withActiveSpan<T>(span: Span | undefined, fn: () => T): T {
  return span ? context.with(trace.setSpan(context.active(), span), fn) : fn();
}

/**
 * Serves one HTTP request inside its trace: the caller's `traceparent` continues (a new trace starts without
 * one or with an invalid one), the request's header is set to this hop (so a tracing plugin further in
 * parents its spans on ours), and with tracing on a server span covers the request until the response closes.
 * Everything `handle` starts — log lines, outgoing calls — sees the trace through `currentTrace()`.
 */
export function inRequestTrace(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  tracing: Tracing | undefined,
  handle: () => void,
): void {
  const header = req.headers[TRACEPARENT_HEADER];
  const path = req.url?.split('?')[0];
  const trace = startRequestTrace(
    Array.isArray(header) ? header[0] : header,
    `${name} ${req.method} ${path}`,
    tracing,
  );
  req.headers[TRACEPARENT_HEADER] = formatTraceparent(trace.context);
  res.once('close', () => {
    trace.span?.setAttribute('http.response.status_code', res.statusCode);
    trace.end();
  });
  runInTrace(trace.context, () => withActiveSpan(trace.span, handle));
}

export { TRACEPARENT_HEADER };

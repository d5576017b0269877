export { type TelemetrySettings, telemetrySettings } from './env.ts';
export { createLogger, LOG_LEVELS, type Logger, type LoggerOptions, type LogLevel } from './logger.ts';
export {
  Counter,
  createRegistry,
  Histogram,
  LATENCY_BUCKETS,
  type MetricsAccess,
  metricsAccess,
  metricsStatus,
  Registry,
  serveMetrics,
} from './metrics.ts';
export {
  continueTrace,
  currentTrace,
  formatTraceparent,
  newSpanId,
  parseTraceparent,
  runInTrace,
  TRACEPARENT_HEADER,
  type TraceContext,
} from './trace-context.ts';
export {
  createTracing,
  inRequestTrace,
  type RequestTrace,
  startRequestTrace,
  type Tracing,
  withActiveSpan,
} from './tracing.ts';

import { LOG_LEVELS, type LogLevel } from './logger.ts';
import { type MetricsAccess, metricsAccess } from './metrics.ts';

export interface TelemetrySettings {
  /** `LOG_LEVEL`: the lowest level logged (default `info`). */
  logLevel: LogLevel;
  /** Who may read `/metrics` (`METRICS_TOKEN`; see metrics.ts). */
  metrics: MetricsAccess;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: where OpenTelemetry spans go (OTLP/HTTP); unset: no tracing. */
  otlpEndpoint?: string;
  /** `SLOW_REQUEST_MS`: a subgraph request slower than this is logged as a warning with its trace id. */
  slowRequestMs: number;
}

export function telemetrySettings(env: NodeJS.ProcessEnv = process.env): TelemetrySettings {
  const level = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(level))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || undefined;
  if (otlpEndpoint && !/^https?:\/\//.test(otlpEndpoint))
    throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "${otlpEndpoint}"`);
  const slow = Number(env.SLOW_REQUEST_MS || 1000);
  if (!Number.isFinite(slow) || slow <= 0) throw new Error('SLOW_REQUEST_MS must be a positive number');
  return {
    logLevel: level,
    metrics: metricsAccess(env.METRICS_TOKEN?.trim() || undefined, env.NODE_ENV === 'production'),
    otlpEndpoint,
    slowRequestMs: slow,
  };
}

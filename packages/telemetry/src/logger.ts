import { type DestinationStream, type Logger, pino } from 'pino';
import { currentTrace } from './trace-context.ts';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  /** Lowest level written; default `LOG_LEVEL` or `info`. */
  level?: LogLevel;
  /** Where lines go; default stdout. Tests pass a stream to read them. */
  destination?: DestinationStream;
}

/**
 * One JSON line per event, with the level as a word, an ISO time, the service (`gateway`, `progress`…) and,
 * inside a request, its `traceId` and `spanId` — the same trace id in the gateway and in every subgraph the
 * request reaches. Errors go under `err`, with their stack.
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      mixin() {
        const trace = currentTrace();
        return trace ? { traceId: trace.traceId, spanId: trace.spanId } : {};
      },
    },
    options.destination,
  );
}

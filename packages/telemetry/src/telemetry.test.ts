import { describe, expect, it } from 'vitest';
import { telemetrySettings } from './env.ts';
import { metricsAccess, metricsStatus } from './metrics.ts';
import { continueTrace, formatTraceparent, parseTraceparent } from './trace-context.ts';

describe('W3C traceparent', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it("continues a caller's trace with a span of our own", () => {
    const trace = parseTraceparent(valid);
    expect(trace).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
      flags: '01',
    });
    expect(trace?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(trace?.spanId).not.toBe('00f067aa0ba902b7');
    expect(formatTraceparent(trace as never)).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${trace?.spanId}-01`);
    // A later version may add fields; we read the ones we know.
    expect(parseTraceparent(`01-${valid.slice(3)}-extra`)?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['version 00 with more fields', `${valid}-extra`],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01'],
    ['not hex', '00-4bf92f3577b34da6a3ce929d0e0e473z-00f067aa0ba902b7-01'],
  ])('refuses a %s header, and a new trace starts instead', (_what, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
    const fresh = continueTrace(header);
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.traceId).not.toMatch(/^0+$/);
    expect(fresh.parentSpanId).toBeUndefined();
  });
});

describe('who may read /metrics', () => {
  it('is open in development, closed in production, and token-only when METRICS_TOKEN is set', () => {
    expect(metricsStatus(metricsAccess(undefined, false), undefined)).toBe(200);
    expect(metricsStatus(metricsAccess(undefined, true), 'Bearer anything')).toBe(404);
    const token = metricsAccess('s3cret', true);
    expect(metricsStatus(token, 'Bearer s3cret')).toBe(200);
    expect(metricsStatus(token, 'Bearer s3cre')).toBe(401);
    expect(metricsStatus(token, undefined)).toBe(401);
  });
});

describe('settings', () => {
  it('reads LOG_LEVEL, METRICS_TOKEN, OTEL_EXPORTER_OTLP_ENDPOINT and SLOW_REQUEST_MS, refusing bad values', () => {
    expect(telemetrySettings({})).toEqual({ logLevel: 'info', metrics: 'open', slowRequestMs: 1000 });
    expect(
      telemetrySettings({
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        METRICS_TOKEN: 't',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        SLOW_REQUEST_MS: '250',
      }),
    ).toEqual({
      logLevel: 'warn',
      metrics: { token: 't' },
      otlpEndpoint: 'http://collector:4318',
      slowRequestMs: 250,
    });
    expect(telemetrySettings({ NODE_ENV: 'production' }).metrics).toBe('closed');
    expect(() => telemetrySettings({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTLP/);
    expect(() => telemetrySettings({ SLOW_REQUEST_MS: '-1' })).toThrow(/SLOW_REQUEST_MS/);
  });
});

/**
 * Seeing what the hub does, end to end through the real gateway and a real subgraph over HTTP: one trace id
 * in every log line of a request (the caller's W3C `traceparent`, or a new one), Prometheus counters at
 * `/metrics` on both, and OpenTelemetry spans exported over OTLP/HTTP to a receiver in this test.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { listenGateway, type RunningGateway } from '@commonroom/gateway';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { createLogger, createRegistry, createTracing, type Tracing } from '@commonroom/telemetry';
import { startTestHub, type TestHub, testGatewayOptions } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type LogLine = { service: string; level: string; msg?: string; traceId?: string; [k: string]: unknown };

/** A pino destination that keeps every line, parsed. */
function logSink(lines: LogLine[]) {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** The smallest OTLP/HTTP receiver: keeps the spans of every JSON export, by service name. */
function startReceiver(spans: { service: string; span: OtlpSpan }[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const exported = JSON.parse(body) as {
        resourceSpans: {
          resource: { attributes: { key: string; value: { stringValue?: string } }[] };
          scopeSpans: { spans: OtlpSpan[] }[];
        }[];
      };
      for (const r of exported.resourceSpans) {
        const service = r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const s of r.scopeSpans) for (const span of s.spans) spans.push({ service, span });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const METRICS_TOKEN = 'scrape-me';
const gatewayLines: LogLine[] = [];
const subgraphLines: LogLine[] = [];
const spans: { service: string; span: OtlpSpan }[] = [];
let receiver: Server;
/** The hub as it runs by default, tracing off: trace ids in logs come from our propagation alone. */
let hub: TestHub;
/** A second gateway on the same subgraph, exporting spans. */
let traced: RunningGateway;
let tracings: Tracing[];
const ORIGIN = '/graphql';

beforeAll(async () => {
  receiver = await startReceiver(spans);
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const gatewayTracing = createTracing('gateway', endpoint) as Tracing;
  const schoolsTracing = createTracing('schools', endpoint) as Tracing;
  tracings = [gatewayTracing, schoolsTracing];
  hub = await startTestHub(
    [schoolsUnderTest],
    {
      logging: true,
      observability: {
        logger: createLogger('gateway', { level: 'debug', destination: logSink(gatewayLines) }),
        registry: createRegistry('gateway'),
        metricsAccess: { token: METRICS_TOKEN },
      },
    },
    (name) => ({
      logger: createLogger(name, { level: 'debug', destination: logSink(subgraphLines) }),
      metricsAccess: { token: METRICS_TOKEN },
      tracing: schoolsTracing,
    }),
  );
  traced = await listenGateway(
    testGatewayOptions(
      { schools: String(hub.subgraphs.schools?.url) },
      { observability: { tracing: gatewayTracing } },
    ),
    0,
  );
});
afterAll(async () => {
  await traced?.close();
  await hub?.close();
  for (const t of tracings ?? []) await t.shutdown();
  await new Promise((resolve) => receiver?.close(resolve));
});

const QUERY = 'query DirectoryCount { schools(first: 1) { totalCount } }';

async function ask(headers: Record<string, string> = {}, query = QUERY, url = hub.gateway.url) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { errors?: unknown[]; data?: unknown } };
}

async function scrape(url: string, token: string | null = METRICS_TOKEN) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, text: await response.text() };
}

const gatewayMetrics = () => hub.gateway.url.replace(ORIGIN, '/metrics');
const schoolsMetrics = () => String(hub.subgraphs.schools?.url).replace(ORIGIN, '/metrics');

/** The value of the first sample of `metric` whose labels include all of `labels`; 0 when there is none. */
function sample(text: string, metric: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('one trace id per request, from the caller through the gateway to the subgraph', () => {
  it("keeps the caller's traceparent trace id in every log line of the request, in the gateway and the subgraph", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await ask({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const subgraph = subgraphLines.filter((l) => l.traceId === traceId);
    expect(subgraph.map((l) => l.msg)).toContain('request');
    expect(subgraph.every((l) => l.service === 'schools')).toBe(true);
    expect(gatewayLines.filter((l) => l.traceId === traceId).length).toBeGreaterThan(0);
  });

  it('starts a new trace when the caller sends none (or an invalid one), shared by gateway and subgraph', async () => {
    const invalid = '00-00000000000000000000000000000000-00f067aa0ba902b7-01';
    for (const headers of [{}, { traceparent: invalid }] as Record<string, string>[]) {
      const before = subgraphLines.length;
      expect((await ask(headers)).status).toBe(200);
      const request = subgraphLines.slice(before).find((l) => l.msg === 'request');
      expect(request?.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(request?.traceId).not.toBe('00000000000000000000000000000000');
      expect(gatewayLines.some((l) => l.traceId === request?.traceId)).toBe(true);
    }
  });
});

/**
 * Scrapes the gateway and the schools subgraph before and after `act`, and gives how much one sample grew:
 * `grew('gateway', metric, labels)`.
 */
async function counting(act: () => Promise<void>) {
  const urls = { gateway: gatewayMetrics(), schools: schoolsMetrics() };
  const before = { gateway: (await scrape(urls.gateway)).text, schools: (await scrape(urls.schools)).text };
  await act();
  const after = { gateway: (await scrape(urls.gateway)).text, schools: (await scrape(urls.schools)).text };
  return {
    after,
    grew: (where: 'gateway' | 'schools', metric: string, labels: Record<string, string>) =>
      sample(after[where], metric, labels) - sample(before[where], metric, labels),
  };
}

describe('Prometheus metrics at /metrics', () => {
  it('counts a request in the gateway (per operation and per subgraph) and in the subgraph', async () => {
    const { after, grew } = await counting(async () => {
      expect((await ask()).status).toBe(200);
    });
    // Who asked never reaches the metrics: no token, no signed viewer header.
    expect(after.gateway).not.toMatch(/x-commonroom|authorization|Bearer/i);
    const operation = { operationName: 'DirectoryCount' };
    expect(grew('gateway', 'graphql_envelop_request_duration_count', operation)).toBe(1);
    const subgraph = { subgraphName: 'schools' };
    expect(grew('gateway', 'graphql_gateway_subgraph_execute_duration_count', subgraph)).toBe(1);
    expect(
      grew('schools', 'commonroom_subgraph_requests_total', { subgraph: 'schools', outcome: 'ok' }),
    ).toBe(1);
    expect(
      grew('schools', 'commonroom_subgraph_request_duration_seconds_count', { subgraph: 'schools' }),
    ).toBe(1);
  });

  it('counts errors by code in the gateway and in the subgraph', async () => {
    const { grew } = await counting(async () => {
      expect((await ask({}, '{ noSuchField }')).body.errors).toHaveLength(1);
      // Asking for too many schools is refused by the subgraph with BAD_USER_INPUT.
      expect((await ask({}, '{ schools(first: 501) { totalCount } }')).body.errors).toHaveLength(1);
    });
    expect(grew('gateway', 'commonroom_gateway_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(
      grew('schools', 'commonroom_subgraph_errors_total', { subgraph: 'schools', code: 'BAD_USER_INPUT' }),
    ).toBe(1);
  });

  it('answers /metrics only with the metrics token', async () => {
    for (const url of [gatewayMetrics(), schoolsMetrics()]) {
      expect((await scrape(url, null)).status).toBe(401);
      expect((await scrape(url, 'wrong-token')).status).toBe(401);
      expect((await scrape(url)).status).toBe(200);
    }
  });
});

describe('OpenTelemetry tracing over OTLP/HTTP', () => {
  it('exports spans from the gateway and the subgraph in one trace, the subgraph under the gateway', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const traceparent = `00-${traceId}-b7ad6b7169203331-01`;
    expect((await ask({ traceparent }, QUERY, traced.url)).status).toBe(200);
    for (const t of tracings) await t.flush();
    const inTrace = spans.filter((s) => s.span.traceId === traceId);
    const gateway = inTrace.filter((s) => s.service === 'commonroom-gateway');
    const schools = inTrace.filter((s) => s.service === 'commonroom-schools');
    expect(gateway.length).toBeGreaterThan(0);
    expect(schools.length).toBeGreaterThan(0);
    // The gateway's first span hangs under the caller's; the subgraph's under one of the gateway's.
    expect(gateway.some((s) => s.span.parentSpanId === 'b7ad6b7169203331')).toBe(true);
    const gatewaySpanIds = new Set(gateway.map((s) => s.span.spanId));
    expect(schools.some((s) => gatewaySpanIds.has(s.span.parentSpanId ?? ''))).toBe(true);
  });
});

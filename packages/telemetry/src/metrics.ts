import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export { Counter, Histogram, Registry };

/** Seconds, from a millisecond-fast entity call to a slow whole-trust overview. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A registry for one service; `processMetrics` adds Node's own (CPU, memory, event loop) — once per process. */
export function createRegistry(service: string, processMetrics = false): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Who may read `/metrics`. With `METRICS_TOKEN` set, only a request carrying `Authorization: Bearer <token>`;
 * without it, anyone in development, and nobody in production (it is not served), so figures about the
 * hub's use are never open to the world by accident.
 */
export type MetricsAccess = 'open' | 'closed' | { token: string };

export function metricsAccess(token: string | undefined, production: boolean): MetricsAccess {
  if (token) return { token };
  return production ? 'closed' : 'open';
}

/** The HTTP status to answer a `/metrics` request with before reading the registry: 200, 401 or 404. */
export function metricsStatus(
  access: MetricsAccess,
  authorization: string | null | undefined,
): 200 | 401 | 404 {
  if (access === 'open') return 200;
  if (access === 'closed') return 404;
  const given = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${access.token}`);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 200 : 401;
}

/** Answers `GET /metrics` with `registry` in Prometheus's text format, for whoever `access` lets in. */
export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  registry: Registry,
  access: MetricsAccess,
): Promise<void> {
  const status = metricsStatus(access, req.headers.authorization);
  if (status !== 200) {
    res.writeHead(status).end();
    return;
  }
  const body = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType }).end(body);
}

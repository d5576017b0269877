import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenGateway, type RunningGateway } from '@commonroom/gateway';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestSubgraph, type TestSubgraph, testGatewayOptions } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let schools: TestSubgraph;
let dev: RunningGateway;
let production: RunningGateway;
let persistedOnly: RunningGateway;
let hanging: Server;
let slow: RunningGateway;

const allowed = '{ schools(first: 1) { totalCount } }';
const allowedHash = createHash('sha256').update(allowed).digest('hex');

beforeAll(async () => {
  schools = await startTestSubgraph(schoolsUnderTest);
  const urls = { schools: schools.url };
  dev = await listenGateway(testGatewayOptions(urls), 0);
  production = await listenGateway(
    testGatewayOptions(urls, {
      production: true,
      limits: { ...testGatewayOptions(urls).limits, maxCost: 60 },
    }),
    0,
  );
  const file = join(tmpdir(), `commonroom-persisted-${process.pid}.json`);
  await writeFile(file, JSON.stringify({ [allowedHash]: allowed }));
  persistedOnly = await listenGateway(testGatewayOptions(urls, { persistedOperationsFile: file }), 0);
  // A "subgraph" that accepts connections and never answers.
  hanging = createServer(() => {});
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql`;
  slow = await listenGateway(testGatewayOptions({ schools: hangingUrl }, { subgraphTimeoutMs: 500 }), 0);
});

afterAll(async () => {
  await Promise.all([dev, production, persistedOnly, slow].map((g) => g?.close()));
  hanging?.closeAllConnections();
  hanging?.close();
  await schools?.close();
});

interface Reply {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | unknown[];
}

async function post(
  gateway: RunningGateway,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: response.status, body: await response.json() };
}

function errorsOf(reply: Reply) {
  return Array.isArray(reply.body) ? [] : (reply.body.errors ?? []);
}

const nest = (depth: number): string => (depth === 0 ? 'name' : `trust { schools { ${nest(depth - 1)} } }`);

describe('operation limits at the gateway', () => {
  it('accepts an ordinary request', async () => {
    const reply = await post(dev, { query: allowed });
    expect(reply.status).toBe(200);
    expect(errorsOf(reply)).toEqual([]);
  });

  it('refuses a query nested deeper than MAX_DEPTH', async () => {
    const reply = await post(dev, { query: `{ school(urn: 100000) { ${nest(6)} } }` });
    expect(errorsOf(reply)[0]?.message).toMatch(/depth limit of 10/i);
    expect(errorsOf(reply)[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
  });

  it('refuses more aliases than MAX_ALIASES', async () => {
    const fields = Array.from({ length: 16 }, (_, i) => `a${i}: schools(first: 1) { totalCount }`).join(' ');
    const reply = await post(dev, { query: `{ ${fields} }` });
    expect(errorsOf(reply)[0]?.message).toMatch(/aliases limit of 15/i);
    expect(errorsOf(reply)[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
  });

  it('counts __typename aliases too, at the top level and inside a selection', async () => {
    const typenames = Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ');
    for (const query of [`{ ${typenames} }`, `{ schools(first: 1) { nodes { ${typenames} } } }`]) {
      const reply = await post(dev, { query });
      expect('data' in reply.body ? reply.body.data : undefined).toBeUndefined();
      expect(errorsOf(reply)[0]?.message).toMatch(/aliases limit of 15/i);
      expect(errorsOf(reply)[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
    }
    // Up to the limit is still answered.
    const fifteen = Array.from({ length: 15 }, (_, i) => `t${i}: __typename`).join(' ');
    const reply = await post(dev, { query: `{ ${fifteen} }` });
    expect(errorsOf(reply)).toEqual([]);
    expect(reply.body).toMatchObject({ data: { t0: 'Query', t14: 'Query' } });
  });

  it('refuses more tokens than MAX_TOKENS', async () => {
    const reply = await post(dev, { query: `{ schools(first: 1) { ${'totalCount '.repeat(1600)} } }` });
    expect(errorsOf(reply)[0]?.message).toMatch(/token limit of 1500/i);
    expect(errorsOf(reply)[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
  });

  it('refuses more directives than MAX_DIRECTIVES', async () => {
    const reply = await post(dev, {
      query: `{ schools(first: 1) ${'@include(if: true) '.repeat(11)} { totalCount } }`,
    });
    expect(errorsOf(reply)[0]?.message).toMatch(/directives limit of 10/i);
    expect(errorsOf(reply)[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
  });

  it('refuses an operation costing more than MAX_COST', async () => {
    const reply = await post(production, {
      query:
        '{ trusts(first: 5) { nodes { schools { localAuthority { schools(first: 5) { nodes { urn name } } } } } } }',
    });
    expect(errorsOf(reply)[0]?.message).toMatch(/cost limit of 60/i);
    expect(errorsOf(reply)[0]?.extensions?.code).toBe('OPERATION_LIMIT_EXCEEDED');
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413, before reading it', async () => {
    const reply = await post(dev, { query: allowed, variables: { padding: 'x'.repeat(200_000) } });
    expect(reply.status).toBe(413);
    expect(errorsOf(reply)[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a streamed body without a declared length with 411', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        dev.url,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(JSON.stringify({ query: allowed }).slice(0, 10));
      req.end(JSON.stringify({ query: allowed }).slice(10));
    });
    expect(status).toBe(411);
  });

  it('bounds batched requests by MAX_BATCH', async () => {
    const two = await post(dev, [{ query: allowed }, { query: allowed }]);
    expect(Array.isArray(two.body) && two.body.length).toBe(2);
    const eleven = await post(
      dev,
      Array.from({ length: 11 }, () => ({ query: allowed })),
    );
    expect(eleven.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(eleven.body)).toMatch(/batching is limited to 10/i);
  });

  it('refuses a mutation sent over GET', async () => {
    const response = await fetch(
      `${dev.url}?query=${encodeURIComponent('mutation { createProgressPlan { id } }')}`,
      {
        headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
      },
    );
    expect(response.status).toBe(405);
  });

  it('refuses a simple (CSRF-able) request without the preflight header', async () => {
    const response = await fetch(`${dev.url}?query=${encodeURIComponent(allowed)}`, { method: 'GET' });
    expect(response.status).toBe(403);
    const withHeader = await fetch(`${dev.url}?query=${encodeURIComponent(allowed)}`, {
      headers: { 'x-graphql-csrf': '1', accept: 'application/json' },
    });
    expect(withHeader.status).toBe(200);
  });
});

describe('production mode', () => {
  it('refuses introspection', async () => {
    const reply = await post(production, { query: '{ __schema { types { name } } }' });
    expect(errorsOf(reply)[0]?.message).toMatch(/introspection/i);
    const open = await post(dev, { query: '{ __schema { queryType { name } } }' });
    expect(errorsOf(open)).toEqual([]);
  });

  it('gives no field suggestions', async () => {
    const reply = await post(production, { query: '{ school(urn: 100000) { nam } }' });
    expect(errorsOf(reply)[0]?.message).not.toMatch(/did you mean/i);
    const devReply = await post(dev, { query: '{ school(urn: 100000) { nam } }' });
    expect(errorsOf(devReply)[0]?.message).toMatch(/did you mean/i);
  });
});

describe('persisted operations only', () => {
  it('runs a listed operation by its hash and refuses any other document', async () => {
    const listed = await post(persistedOnly, {
      extensions: { persistedQuery: { version: 1, sha256Hash: allowedHash } },
    });
    expect(listed.body).toMatchObject({ data: { schools: { totalCount: 21567 } } });
    const arbitrary = await post(persistedOnly, { query: allowed });
    expect(errorsOf(arbitrary)[0]?.message).toMatch(/persisted/i);
  });
});

describe('subgraph timeouts', () => {
  it('answers with an error on the affected path instead of hanging', async () => {
    const started = Date.now();
    const reply = await post(slow, { query: allowed });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(errorsOf(reply).length).toBeGreaterThan(0);
  });
});

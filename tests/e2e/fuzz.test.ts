import type { Viewer } from '@commonroom/auth';
import { queryRows, sql } from '@commonroom/db';
import { seededRandom } from '@commonroom/school-list';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub, tokenFor } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Thousands of malformed or hostile requests through the gateway, generated from a seed so a failure can be
 * replayed: broken JSON, wrong variable types, huge strings, deep nesting, unknown fields, invalid ids,
 * SQL-like strings, odd methods and content types, bad tokens. None may get a 5xx, the gateway must stay
 * ready, and the database must be exactly as it was.
 */
const REQUESTS = 5_000;
const CONCURRENCY = 10;
/** Statuses a refusal may have; anything 5xx is a fault. */
const DOCUMENTED = new Set([200, 400, 401, 403, 404, 405, 406, 411, 413, 415]);

let hub: TestHub;
let leaderToken: string;

beforeAll(async () => {
  hub = await startTestHub([schoolsUnderTest]);
  leaderToken = (await tokenFor({ role: 'trust_leader', sub: 'fuzz', trustId: 'TR0963' } as Viewer)) ?? '';
});
afterAll(() => hub?.close());

const HOSTILE = [
  "'; drop table schools.schools; --",
  "1' or '1'='1",
  '" OR 1=1 --',
  '%',
  '_',
  '\\',
  '\u0000',
  '💥'.repeat(50),
  '../../etc/passwd',
  '{"$ne": null}',
  '<script>alert(1)</script>',
  '-1',
  '999999999999999999999',
  'NaN',
  '',
];

const QUERIES = [
  'query ($urn: Int!) { school(urn: $urn) { name trust { name } } }',
  'query ($code: String!) { localAuthority(code: $code) { name schools(first: 2) { totalCount } } }',
  'query ($id: ID!) { trust(id: $id) { name schools { urn } } }',
  'query ($first: Int, $after: String) { schools(first: $first, after: $after) { totalCount } }',
  'query ($name: String) { schools(first: 5, filter: { nameContains: $name }) { nodes { urn } } }',
];

function generate(
  random: () => number,
  n: number,
): { body: string; headers: Record<string, string>; method: string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hostile = () => pick(HOSTILE);
  const anyValue = (): unknown =>
    pick([
      () => hostile(),
      () => Math.floor(random() * 2 ** 40) * (random() < 0.5 ? -1 : 1),
      () => random(),
      () => null,
      () => [hostile(), 1],
      () => ({ nested: hostile() }),
      () => true,
      () => 'x'.repeat(Math.floor(random() * 50_000)),
    ])();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const kind = n % 10;
  let body: string;
  let method = 'POST';
  switch (kind) {
    case 0: {
      // broken JSON
      const valid = JSON.stringify({ query: pick(QUERIES), variables: { urn: 100000 } });
      body = random() < 0.5 ? valid.slice(0, Math.floor(random() * valid.length)) : `${valid}}}${hostile()}`;
      break;
    }
    case 1: // wrong types in variables
      body = JSON.stringify({
        query: pick(QUERIES),
        variables: {
          urn: anyValue(),
          code: anyValue(),
          id: anyValue(),
          first: anyValue(),
          after: anyValue(),
          name: anyValue(),
        },
      });
      break;
    case 2: // huge strings, some over the body limit
      body = JSON.stringify({
        query: pick(QUERIES),
        variables: { name: 'y'.repeat(Math.floor(random() * 150_000)) },
      });
      break;
    case 3: {
      // deep nesting and many fields
      const depth = 5 + Math.floor(random() * 60);
      body = JSON.stringify({
        query: `{ school(urn: 100000) { ${'trust { schools { '.repeat(depth)}name${' } }'.repeat(depth)} } }`,
      });
      break;
    }
    case 4: // unknown fields, types and arguments
      body = JSON.stringify({
        query: `{ ${hostile().replace(/[^a-z]/gi, '') || 'nope'} school(urn: 1, bogus: 2) { __typename secret } }`,
      });
      break;
    case 5: // invalid ids, SQL-like strings in arguments
      body = JSON.stringify({
        query: pick(QUERIES),
        variables: {
          urn: Math.floor(random() * 2e9) - 1e9,
          code: hostile(),
          id: hostile(),
          after: hostile(),
          first: 5,
          name: hostile(),
        },
      });
      break;
    case 6: // not even GraphQL
      body = JSON.stringify(
        pick([
          { query: hostile() },
          { query: 42 },
          { variables: {} },
          [],
          [1, 2],
          'query',
          null,
          { query: '{', operationName: hostile() },
        ]),
      );
      break;
    case 7: // odd methods and content types
      method = pick(['PUT', 'DELETE', 'PATCH', 'GET']);
      headers['content-type'] = pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'application/json',
      ]);
      body = method === 'GET' ? '' : JSON.stringify({ query: pick(QUERIES) });
      break;
    case 8: // bad or tampered tokens
      // (header values must be Latin-1 for the client to send them at all)
      headers.authorization = pick([
        `Bearer ${hostile()}`,
        'Bearer a.b.c',
        `Bearer ${leaderToken.slice(0, -3)}abc`,
        `Basic ${hostile()}`,
        'Bearer',
      ]).replace(/[^\x20-\x7e]/g, '?');
      body = JSON.stringify({ query: pick(QUERIES), variables: { urn: 100000, code: '857', id: 'TR0963' } });
      break;
    default: // batches, including oversized ones
      body = JSON.stringify(
        Array.from({ length: 1 + Math.floor(random() * 15) }, () => ({
          query: pick(QUERIES),
          variables: { urn: anyValue() },
        })),
      );
  }
  return { body, headers, method };
}

async function fingerprint(): Promise<string> {
  const db = hub.subgraphs.schools?.db;
  if (!db) throw new Error('no schools database');
  const tables = [
    'schools.local_authorities',
    'schools.trusts',
    'schools.schools',
    'schools.departments',
    'schools.staff',
  ];
  const parts = await Promise.all(
    tables.map(async (table) => {
      const [row] = await queryRows<{ digest: string | null; n: number }>(
        db,
        sql.raw(
          `select md5(string_agg(t::text, ',' order by t::text)) as digest, count(*)::int as n from ${table} t`,
        ),
      );
      return `${table}:${row?.n}:${row?.digest}`;
    }),
  );
  return parts.join('|');
}

describe('fuzzing the gateway', () => {
  it(`answers ${REQUESTS} hostile requests without a 5xx, stays ready, and changes nothing`, async () => {
    const before = await fingerprint();
    const random = seededRandom(20_201);
    const requests = Array.from({ length: REQUESTS }, (_, n) => generate(random, n));
    const statuses = new Map<number, number>();
    const faults: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const n = next++;
          const request = requests[n];
          if (!request) break;
          const url =
            request.method === 'GET'
              ? `${hub.gateway.url}?query=${encodeURIComponent(QUERIES[0] ?? '')}`
              : hub.gateway.url;
          const response = await fetch(url, {
            method: request.method,
            headers: request.headers,
            body: request.method === 'GET' ? undefined : request.body,
          });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (!DOCUMENTED.has(response.status))
            faults.push(`#${n} ${request.method} → ${response.status}: ${request.body.slice(0, 120)}`);
        }
      }),
    );
    expect(faults).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    expect((await fetch(hub.gateway.url.replace('/graphql', '/readiness'))).status).toBe(200);
    const sane = await hub.query<{ school: { name: string } }>(
      { role: 'anonymous' },
      '{ school(urn: 100000) { name } }',
    );
    expect(sane.data?.school.name).toBe("Sir John Cass's Foundation Primary School");
    expect(await fingerprint()).toBe(before);
  });
});

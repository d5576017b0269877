import { SIGNATURE_HEADER, signViewer, VIEWER_HEADER, type Viewer } from '@commonroom/auth';
import type { DbHandle } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { practiceUnderTest } from '@commonroom/practice/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { createSubgraphServer, RedisNonceStore, type RunningSubgraph } from '@commonroom/subgraph-kit';
import { type SubgraphUnderTest, testAuth } from '@commonroom/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A subgraph believes only the gateway: a request straight to it without the gateway's signature, with a
 * signature made with another key, with one past its validity (replayed), with one for another body, or with
 * the viewer changed under a valid signature, is refused with 401 and runs nothing. Every subgraph's real
 * server with the gateway's settings, over one empty database: the signature is checked before anything
 * reaches the data layer, so no tables are needed.
 */
const SUBGRAPHS: SubgraphUnderTest[] = [
  schoolsUnderTest,
  progressUnderTest(),
  practiceUnderTest,
  parentsUnderTest,
];

let database: DbHandle;
const started: { name: string; running: RunningSubgraph }[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  for (const subgraph of SUBGRAPHS) {
    const server = await createSubgraphServer(subgraph.build(database.db), {
      signingSecret: testAuth.gatewaySigningSecret,
      signatureMaxAgeSeconds: testAuth.signatureMaxAgeSeconds,
    });
    started.push({ name: subgraph.name, running: await server.listen(0) });
  }
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.running.close()));
  await database?.close();
});

const trustLeader: Viewer = { role: 'trust_leader', sub: 'security', trustId: 'TR0963' };
const body = JSON.stringify({ query: '{ __typename }' });
const maxAgeMs = testAuth.signatureMaxAgeSeconds * 1000;

async function post(url: string, payload: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  });
  const json = (await response.json().catch(() => ({}))) as {
    data?: unknown;
    errors?: { extensions?: { code?: string } }[];
  };
  return { status: response.status, ...json };
}

const CASES: [string, () => { payload: string; headers: Record<string, string> }][] = [
  ['no signature', () => ({ payload: body, headers: {} })],
  [
    'the viewer header without its signature',
    () => {
      const { [VIEWER_HEADER]: viewer } = signViewer(trustLeader, body, testAuth.gatewaySigningSecret);
      return { payload: body, headers: { [VIEWER_HEADER]: viewer } };
    },
  ],
  [
    'a signature made with another key',
    () => ({
      payload: body,
      headers: signViewer(trustLeader, body, 'not-the-gateway-secret-but-just-as-long-as-one'),
    }),
  ],
  [
    'a signature replayed after it expired',
    () => ({
      payload: body,
      headers: signViewer(trustLeader, body, testAuth.gatewaySigningSecret, Date.now() - maxAgeMs - 5_000),
    }),
  ],
  [
    'a signature dated in the future',
    () => ({
      payload: body,
      headers: signViewer(trustLeader, body, testAuth.gatewaySigningSecret, Date.now() + maxAgeMs + 5_000),
    }),
  ],
  [
    'a valid signature for another request body',
    () => ({
      payload: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      headers: signViewer(trustLeader, body, testAuth.gatewaySigningSecret),
    }),
  ],
  [
    'a valid signature with the viewer swapped for another',
    () => {
      const signed = signViewer(trustLeader, body, testAuth.gatewaySigningSecret);
      const forged = signViewer(
        { role: 'trust_leader', sub: 'x', trustId: 'TR0962' },
        body,
        'any-other-key-at-all-32-chars-long',
      );
      return {
        payload: body,
        headers: { [VIEWER_HEADER]: forged[VIEWER_HEADER], [SIGNATURE_HEADER]: signed[SIGNATURE_HEADER] },
      };
    },
  ],
];

describe.each(SUBGRAPHS.map((s) => s.name))('the %s subgraph, asked directly', (name) => {
  const url = () => {
    const subgraph = started.find((s) => s.name === name);
    if (!subgraph) throw new Error(`${name} did not start`);
    return subgraph.running.url;
  };

  it('answers a request the gateway signed (the control)', async () => {
    const res = await post(url(), body, signViewer(trustLeader, body, testAuth.gatewaySigningSecret));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ __typename: 'Query' });
  });

  it('refuses the identical signed request sent again within its validity (a replay)', async () => {
    const headers = signViewer(trustLeader, body, testAuth.gatewaySigningSecret);
    const first = await post(url(), body, headers);
    expect(first.status).toBe(200);
    expect(first.data).toEqual({ __typename: 'Query' });
    const replay = await post(url(), body, headers);
    expect(replay.status).toBe(401);
    expect(replay.data ?? null).toBeNull();
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  for (const [what, make] of CASES) {
    it(`refuses ${what} with 401 UNAUTHENTICATED`, async () => {
      const { payload, headers } = make();
      const res = await post(url(), payload, headers);
      expect(res.status).toBe(401);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  }
});

/**
 * Several replicas of one subgraph share the nonces through Redis (REDIS_URL), so a request replayed to
 * another replica is refused there too. Tested whenever a Redis answers (127.0.0.1:6379 here and in CI).
 */
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redisAnswers = await RedisNonceStore.connect(redisUrl).then(
  async (probe) => {
    await probe.close();
    return true;
  },
  () => false,
);

describe.skipIf(!redisAnswers)('replicas sharing nonces through Redis', () => {
  it('refuses at one replica a request already answered by another', async () => {
    const replicas: RunningSubgraph[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const server = await createSubgraphServer(schoolsUnderTest.build(database.db), {
          signingSecret: testAuth.gatewaySigningSecret,
          signatureMaxAgeSeconds: testAuth.signatureMaxAgeSeconds,
          nonces: await RedisNonceStore.connect(redisUrl),
        });
        replicas.push(await server.listen(0));
      }
      const [a, b] = replicas as [RunningSubgraph, RunningSubgraph];
      const headers = signViewer(trustLeader, body, testAuth.gatewaySigningSecret);
      expect((await post(a.url, body, headers)).status).toBe(200);
      const replayed = await post(b.url, body, headers);
      expect(replayed.status).toBe(401);
      expect(replayed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // A fresh signature is answered by either.
      expect(
        (await post(b.url, body, signViewer(trustLeader, body, testAuth.gatewaySigningSecret))).status,
      ).toBe(200);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });
});

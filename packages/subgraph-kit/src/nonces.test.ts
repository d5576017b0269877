import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryNonceStore, RedisNonceStore } from './nonces.ts';

const fresh = () => randomBytes(16).toString('base64url');

describe('the in-process nonce store', () => {
  it('accepts a nonce once, refuses it again within its window, and forgets it after', async () => {
    let now = 1_000_000;
    const store = new MemoryNonceStore(() => now);
    expect(await store.claim('n-1', 120_000)).toBe(true);
    expect(await store.claim('n-1', 120_000)).toBe(false);
    expect(await store.claim('n-2', 120_000)).toBe(true);
    now += 119_999;
    expect(await store.claim('n-1', 120_000)).toBe(false);
    now += 2;
    expect(await store.claim('n-1', 120_000)).toBe(true); // its window has passed
    now += 120_000;
    expect(await store.claim('n-3', 120_000)).toBe(true);
    // Expired nonces are swept (at most once a second), so memory holds one window's requests only.
    expect(store.size).toBe(1);
  });
});

/** The shared store is tested whenever a Redis answers (127.0.0.1:6379 here and in CI, or REDIS_URL). */
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const replicas = await Promise.all([0, 1, 2].map(() => RedisNonceStore.connect(redisUrl))).catch(() => []);
afterAll(() => Promise.all(replicas.map((r) => r.close())));

describe.skipIf(replicas.length === 0)('the Redis nonce store, shared by replicas', () => {
  it('tells exactly one of several replicas that a nonce is new, even all at once', async () => {
    const nonce = fresh();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (replicas[i % replicas.length] as RedisNonceStore).claim(nonce, 5_000),
      ),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await (replicas[2] as RedisNonceStore).claim(fresh(), 5_000)).toBe(true);
  });

  it('forgets a nonce when its window has passed (the key expires)', async () => {
    const nonce = fresh();
    const [a, b] = replicas as [RedisNonceStore, RedisNonceStore];
    expect(await a.claim(nonce, 50)).toBe(true);
    // Wait until Redis has expired it; poll rather than assume a time.
    let again = false;
    for (let i = 0; i < 100 && !again; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      again = await b.claim(nonce, 50);
    }
    expect(again).toBe(true);
  });

  it('stops the process at start when REDIS_URL points at nothing', async () => {
    await expect(RedisNonceStore.connect('redis://127.0.0.1:1')).rejects.toThrow(/cannot reach Redis/);
  });
});

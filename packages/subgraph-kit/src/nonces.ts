import { Redis } from 'ioredis';

/**
 * Remembers the nonces of signed gateway requests for as long as their signature could still be accepted,
 * so the identical request (headers and body) sent again is refused as a replay.
 */
export interface NonceStore {
  /** True the first time a nonce is seen within `ttlMs`; false if it was seen before (a replay). */
  claim(nonce: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * One process's memory: enough for a single replica (the embedded default). Several replicas behind a load
 * balancer must share a store, or a request replayed to another replica would be accepted there.
 */
export class MemoryNonceStore implements NonceStore {
  readonly #seen = new Map<string, number>();
  #nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async claim(nonce: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    if (now >= this.#nextSweep) {
      // Forget expired nonces now and then, so memory stays bounded by the requests of one window.
      for (const [seen, expires] of this.#seen) if (expires <= now) this.#seen.delete(seen);
      this.#nextSweep = now + 1_000;
    }
    const expires = this.#seen.get(nonce);
    if (expires !== undefined && expires > now) return false;
    this.#seen.set(nonce, now + ttlMs);
    return true;
  }

  /** Nonces held (tests check that expired ones are forgotten). */
  get size(): number {
    return this.#seen.size;
  }

  async close(): Promise<void> {
    this.#seen.clear();
  }
}

/**
 * A Redis shared by every replica of every subgraph: `SET key 1 NX PX ttl` is atomic on the server, so of
 * any number of replicas receiving the same nonce, exactly one is told it is new; the key expires by itself
 * when the signature would have expired anyway. If Redis cannot be reached, `claim` throws and the request
 * is refused (fail closed).
 */
export class RedisNonceStore implements NonceStore {
  readonly #redis: Redis;

  private constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    this.#redis = redis;
  }

  /** Connects and checks the server answers, so a wrong `REDIS_URL` stops the process at start. */
  static async connect(url: string, prefix = 'commonroom:nonce:'): Promise<RedisNonceStore> {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 5_000 });
    // Without a listener, a lost connection would be an unhandled 'error' event; commands report it instead.
    redis.on('error', () => {});
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      throw new Error(`REDIS_URL: cannot reach Redis (${(error as Error).message})`);
    }
    return new RedisNonceStore(redis, prefix);
  }

  async claim(nonce: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#redis.set(`${this.prefix}${nonce}`, '1', 'PX', Math.ceil(ttlMs), 'NX');
    return reply === 'OK';
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}

/** `REDIS_URL` set: the shared Redis store; unset: this process's memory. */
export async function createNonceStore(redisUrl: string | undefined): Promise<NonceStore> {
  return redisUrl ? RedisNonceStore.connect(redisUrl) : new MemoryNonceStore();
}

import { Redis } from 'ioredis';

/**
 * The sessions that are signed in, by id, so that signing out (or revoking) ends one at once: the sealed cookie
 * alone would stay valid until it expires. In this process's memory by default; in Redis when REDIS_URL is set,
 * so that every web process behind a load balancer sees a sign-out at once.
 */
export interface SessionStore {
  add(id: string, expires: number): Promise<void>;
  has(id: string): Promise<boolean>;
  /** Ends the session: its cookie no longer signs anyone in. */
  revoke(id: string): Promise<void>;
  close(): Promise<void>;
}

export class MemorySessionStore implements SessionStore {
  readonly #expiries = new Map<string, number>();

  async add(id: string, expires: number) {
    this.#expiries.set(id, expires);
    // Forget expired ones as new ones come, so the map does not grow without end.
    if (this.#expiries.size % 1000 === 0)
      for (const [key, at] of this.#expiries) if (at <= Date.now()) this.#expiries.delete(key);
  }

  async has(id: string) {
    return (this.#expiries.get(id) ?? 0) > Date.now();
  }

  async revoke(id: string) {
    this.#expiries.delete(id);
  }

  async close() {}
}

export class RedisSessionStore implements SessionStore {
  readonly #redis: Redis;
  constructor(url: string) {
    this.#redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  }
  #key(id: string) {
    return `commonroom:web:session:${id}`;
  }
  async add(id: string, expires: number) {
    await this.#redis.set(this.#key(id), '1', 'PX', Math.max(1, expires - Date.now()));
  }
  async has(id: string) {
    return (await this.#redis.exists(this.#key(id))) === 1;
  }
  async revoke(id: string) {
    await this.#redis.del(this.#key(id));
  }
  async close() {
    this.#redis.disconnect();
  }
}

export function sessionStore(redisUrl: string | undefined): SessionStore {
  return redisUrl ? new RedisSessionStore(redisUrl) : new MemorySessionStore();
}

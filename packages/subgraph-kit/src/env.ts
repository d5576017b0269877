import { type AuthSettings, authSettings } from '@commonroom/auth';

export interface SubgraphSettings {
  port: number;
  host: string;
  /** `auto` seeds demo data into an empty database at start; `none` never seeds. */
  seed: 'auto' | 'none';
  auth: AuthSettings;
  /** A Redis shared by the replicas, where seen signature nonces are kept; unset: each process's memory. */
  redisUrl?: string;
}

/** Process settings for a subgraph named `name`: `<NAME>_PORT` (default given), `HOST`, `SEED`, auth secrets. */
export function subgraphSettings(
  name: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): SubgraphSettings {
  const portVar = `${name.toUpperCase()}_PORT`;
  const port = Number(env[portVar] ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${portVar} must be a port number, got "${env[portVar]}"`);
  const seed = env.SEED ?? 'auto';
  if (seed !== 'auto' && seed !== 'none') throw new Error(`SEED must be "auto" or "none", got "${seed}"`);
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  return { port, host: env.HOST ?? '127.0.0.1', seed, auth: authSettings(env), redisUrl };
}

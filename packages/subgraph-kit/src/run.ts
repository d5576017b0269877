import { type Db, openSubgraphDatabase, runMigrations } from '@commonroom/db';
import { subgraphSettings } from './env.ts';
import { createNonceStore } from './nonces.ts';
import { createSubgraphServer, type SubgraphDefinition } from './server.ts';

export interface SubgraphProcess<Context extends object> {
  name: string;
  defaultPort: number;
  migrationsDir: string;
  build(db: Db): SubgraphDefinition<Context>;
  /** Loads demo data when the database is empty; reports what it did. */
  seed?(db: Db): Promise<{ seeded: boolean } & Record<string, unknown>>;
}

const log = (fields: Record<string, unknown>) => console.log(JSON.stringify({ level: 'info', ...fields }));

/**
 * A subgraph's `index.ts`: open its database, apply migrations, seed an empty database (unless SEED=none),
 * listen, and close cleanly on SIGINT/SIGTERM.
 */
export async function runSubgraph<Context extends object>(process_: SubgraphProcess<Context>) {
  const settings = subgraphSettings(process_.name, process_.defaultPort);
  const handle = await openSubgraphDatabase(process_.name);
  await runMigrations(handle, process_.name, process_.migrationsDir);
  if (settings.seed === 'auto' && process_.seed) {
    const started = Date.now();
    const result = await process_.seed(handle.db);
    if (result.seeded)
      log({ subgraph: process_.name, msg: 'seeded demo data', ms: Date.now() - started, ...result });
  }
  const server = await createSubgraphServer(process_.build(handle.db), {
    signingSecret: settings.auth.gatewaySigningSecret,
    signatureMaxAgeSeconds: settings.auth.signatureMaxAgeSeconds,
    nonces: await createNonceStore(settings.redisUrl),
  });
  const running = await server.listen(settings.port, settings.host);
  log({
    subgraph: process_.name,
    msg: 'ready',
    url: running.url,
    database: handle.kind,
    nonces: settings.redisUrl ? 'redis' : 'memory',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await running.close();
      await handle.close();
      process.exit(0);
    });
  }
  return running;
}

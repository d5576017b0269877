import { type Db, openSubgraphDatabase, runMigrations } from '@commonroom/db';
import {
  createLogger,
  createRegistry,
  createTracing,
  type Logger,
  telemetrySettings,
} from '@commonroom/telemetry';
import { subgraphSettings } from './env.ts';
import { createNonceStore } from './nonces.ts';
import { createSubgraphServer, type SubgraphDefinition } from './server.ts';

export interface SubgraphProcess<Context extends object> {
  name: string;
  defaultPort: number;
  migrationsDir: string;
  /** Builds the subgraph on its database; `logger` is the process's own, for work outside requests. */
  build(db: Db, logger: Logger): SubgraphDefinition<Context>;
  /** Loads demo data when the database is empty; reports what it did. */
  seed?(db: Db): Promise<{ seeded: boolean } & Record<string, unknown>>;
}

/**
 * A subgraph's `index.ts`: open its database, apply migrations, seed an empty database (unless SEED=none),
 * listen, and close cleanly on SIGINT/SIGTERM.
 */
export async function runSubgraph<Context extends object>(process_: SubgraphProcess<Context>) {
  const settings = subgraphSettings(process_.name, process_.defaultPort);
  const telemetry = telemetrySettings();
  const logger = createLogger(process_.name, { level: telemetry.logLevel });
  // A fault outside any request still leaves one structured line, with its stack, before the process ends.
  process.once('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
  const tracing = createTracing(process_.name, telemetry.otlpEndpoint);
  const handle = await openSubgraphDatabase(process_.name);
  await runMigrations(handle, process_.name, process_.migrationsDir);
  if (settings.seed === 'auto' && process_.seed) {
    const started = Date.now();
    const result = await process_.seed(handle.db);
    if (result.seeded) logger.info({ ms: Date.now() - started, ...result }, 'seeded demo data');
  }
  const server = await createSubgraphServer(process_.build(handle.db, logger), {
    signingSecret: settings.auth.gatewaySigningSecret,
    signatureMaxAgeSeconds: settings.auth.signatureMaxAgeSeconds,
    nonces: await createNonceStore(settings.redisUrl),
    logger,
    registry: createRegistry(process_.name, true),
    metricsAccess: telemetry.metrics,
    tracing,
    slowRequestMs: telemetry.slowRequestMs,
  });
  const running = await server.listen(settings.port, settings.host);
  logger.info(
    {
      url: running.url,
      database: handle.kind,
      nonces: settings.redisUrl ? 'redis' : 'memory',
      tracing: tracing ? telemetry.otlpEndpoint : 'off',
    },
    'ready',
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await running.close();
      await handle.close();
      await tracing?.shutdown();
      process.exit(0);
    });
  }
  return running;
}

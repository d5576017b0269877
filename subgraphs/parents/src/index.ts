import { runSubgraph } from '@commonroom/subgraph-kit';
import { parentsEnv } from './env.ts';
import { fileAdapters, MIGRATIONS_DIR, parentsSubgraph, seedIfEmpty, startOutboxWorker } from './server.ts';

const env = parentsEnv();

await runSubgraph({
  name: 'parents',
  defaultPort: 4004,
  migrationsDir: MIGRATIONS_DIR,
  build(db, logger) {
    // Messages to carers leave through the outbox; in development they land in files under the data dir.
    startOutboxWorker(db, fileAdapters(env.outboxDir), env.outboxIntervalMs, (err) =>
      logger.error({ err }, 'outbox run failed; its messages stay due'),
    );
    return parentsSubgraph(db);
  },
  seed: seedIfEmpty,
});

import { runSubgraph } from '@commonroom/subgraph-kit';
import { MIGRATIONS_DIR, progressSubgraph, seedIfEmpty } from './server.ts';

await runSubgraph({
  name: 'progress',
  defaultPort: 4002,
  migrationsDir: MIGRATIONS_DIR,
  build: (db) => progressSubgraph(db),
  seed: seedIfEmpty,
});

import { runSubgraph } from '@commonroom/subgraph-kit';
import { MIGRATIONS_DIR, schoolsSubgraph, seedIfEmpty } from './server.ts';

await runSubgraph({
  name: 'schools',
  defaultPort: 4001,
  migrationsDir: MIGRATIONS_DIR,
  build: schoolsSubgraph,
  seed: seedIfEmpty,
});

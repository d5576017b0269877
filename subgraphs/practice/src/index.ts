import { runSubgraph } from '@commonroom/subgraph-kit';
import { MIGRATIONS_DIR, practiceSubgraph, seedIfEmpty } from './server.ts';

await runSubgraph({
  name: 'practice',
  defaultPort: 4003,
  migrationsDir: MIGRATIONS_DIR,
  build: practiceSubgraph,
  seed: seedIfEmpty,
});

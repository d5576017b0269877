import type { SubgraphUnderTest } from '@commonroom/subgraph-kit/testing';
import { MIGRATIONS_DIR, practiceSubgraph, seedIfEmpty } from './server.ts';

/** The practice subgraph as tests start it: a fresh database seeded with the demo catalogue and CPD. */
export const practiceUnderTest: SubgraphUnderTest = {
  name: 'practice',
  migrationsDir: MIGRATIONS_DIR,
  build: practiceSubgraph as SubgraphUnderTest['build'],
  seed: seedIfEmpty,
};

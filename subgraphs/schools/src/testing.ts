import type { SubgraphUnderTest } from '@commonroom/subgraph-kit/testing';
import { MIGRATIONS_DIR, schoolsSubgraph, seedIfEmpty } from './server.ts';

/** The schools subgraph as tests start it: a fresh database seeded with the real school list. */
export const schoolsUnderTest: SubgraphUnderTest = {
  name: 'schools',
  migrationsDir: MIGRATIONS_DIR,
  build: schoolsSubgraph as SubgraphUnderTest['build'],
  seed: seedIfEmpty,
};

import type { SubgraphUnderTest } from '@commonroom/subgraph-kit/testing';
import { MIGRATIONS_DIR, parentsSubgraph, seedIfEmpty } from './server.ts';

/** The parents subgraph as tests start it: a fresh database with the demo carers, messages, surveys and slots. */
export const parentsUnderTest: SubgraphUnderTest = {
  name: 'parents',
  migrationsDir: MIGRATIONS_DIR,
  build: parentsSubgraph as SubgraphUnderTest['build'],
  seed: seedIfEmpty,
};

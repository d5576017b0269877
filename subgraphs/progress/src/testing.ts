import type { Db } from '@commonroom/db';
import type { SubgraphUnderTest } from '@commonroom/subgraph-kit/testing';
import { type GenerateOptions, generateProgressData, MIGRATIONS_DIR, progressSubgraph } from './server.ts';

/**
 * The progress subgraph as tests start it: a fresh database with pupils generated for the given schools
 * (by default the whole demo set, as `npm start` has it).
 */
export function progressUnderTest(options: GenerateOptions = {}): SubgraphUnderTest {
  return {
    name: 'progress',
    migrationsDir: MIGRATIONS_DIR,
    build: ((db: Db) => progressSubgraph(db, { suppressionThreshold: 5 })) as SubgraphUnderTest['build'],
    seed: (db) => generateProgressData(db, options),
    seedKey: JSON.stringify(options),
  };
}

/** The take-up rule, for the attacker test of its cross-level protection (tests/security/take-up-attack.test.ts). */
export {
  hiddenTakeUpOfTrust,
  type SupportCountsByGroup,
  supportTakeUpReport,
} from './rules/entitlement.ts';

import { fileURLToPath } from 'node:url';
import type { Db } from '@commonroom/db';
import { loadTypeDefs, type SubgraphDefinition } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import { createContext, type ProgressContext } from './context.ts';
import { type ProgressEnv, progressEnv } from './env.ts';
import { resolvers } from './resolvers/index.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('./schema', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** The progress subgraph over a database; tests and index.ts both build it here. */
export function progressSubgraph(
  db: Db,
  settings: ProgressEnv = progressEnv(),
): SubgraphDefinition<ProgressContext> {
  return {
    name: 'progress',
    typeDefs: loadTypeDefs(SCHEMA_DIR),
    resolvers,
    createContext: (viewer) => createContext(db, viewer, settings),
    healthCheck: async () => {
      await db.execute(sql`select 1`);
    },
  };
}

export {
  type GenerateOptions,
  type GenerateResult,
  generateProgressData,
  loadSchoolDirectory,
} from './data/generate.ts';
export { importAssessments } from './data/import.ts';
export { seedIfEmpty } from './data/seed.ts';
export { groupStatsSql, schoolProgressSql, trendStatsSql } from './data/summaries.ts';
export { DEMO_PROVIDERS } from './data/support-demo.ts';

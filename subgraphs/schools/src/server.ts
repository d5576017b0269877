import { fileURLToPath } from 'node:url';
import type { Db } from '@commonroom/db';
import { loadTypeDefs, type SubgraphDefinition } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import { createContext, type SchoolsContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('./schema', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** The schools subgraph over a database; tests and index.ts both build it here. */
export function schoolsSubgraph(db: Db): SubgraphDefinition<SchoolsContext> {
  return {
    name: 'schools',
    typeDefs: loadTypeDefs(SCHEMA_DIR),
    resolvers,
    createContext: (viewer) => createContext(db, viewer),
    healthCheck: async () => {
      await db.execute(sql`select 1`);
    },
  };
}

export { importSchoolList } from './data/import.ts';
export { seedIfEmpty } from './demo/seed.ts';

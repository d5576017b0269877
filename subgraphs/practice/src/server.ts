import { fileURLToPath } from 'node:url';
import type { Db } from '@commonroom/db';
import { type AuditSettings, loadTypeDefs, type SubgraphDefinition } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import { createContext, type PracticeContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('./schema', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * The audit trail (subgraph-kit audit.ts): practice holds no pupil-level data, so what it records is every
 * change (mutation), attributed to the trust of the caller's school.
 */
export const practiceAudit = (db: Db): AuditSettings => ({
  db,
  schema: 'practice',
  schoolDirectory: 'practice.school_directory',
  pupilTypes: {},
  alwaysRecord: ['Trust.practiceAuditEvents'],
});

/** The practice subgraph over a database; tests and index.ts both build it here. */
export function practiceSubgraph(db: Db): SubgraphDefinition<PracticeContext> {
  return {
    name: 'practice',
    typeDefs: loadTypeDefs(SCHEMA_DIR),
    resolvers,
    createContext: (viewer) => createContext(db, viewer),
    audit: practiceAudit(db),
    healthCheck: async () => {
      await db.execute(sql`select 1`);
    },
  };
}

export { seedIfEmpty } from './demo/seed.ts';

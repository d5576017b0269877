import { fileURLToPath } from 'node:url';
import type { Db } from '@commonroom/db';
import { loadTypeDefs, type SubgraphDefinition } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import { createContext, type ParentsContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('./schema', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** The parents subgraph over a database; tests and index.ts both build it here. */
export function parentsSubgraph(db: Db): SubgraphDefinition<ParentsContext> {
  return {
    name: 'parents',
    typeDefs: loadTypeDefs(SCHEMA_DIR),
    resolvers,
    createContext: (viewer) => createContext(db, viewer),
    healthCheck: async () => {
      await db.execute(sql`select 1`);
    },
  };
}

export {
  backoffMs,
  type DeliveryAdapters,
  deliverDue,
  fileAdapters,
  type OutgoingMessage,
  startOutboxWorker,
} from './data/outbox.ts';
export { lowResponseSchools, seedIfEmpty } from './data/seed.ts';
export { type NewTeacherStatus, recordTeacherStatuses } from './data/teacher-statuses.ts';

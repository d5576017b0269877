import { fileURLToPath } from 'node:url';
import type { Db } from '@commonroom/db';
import { InternalCallError, loadTypeDefs, type SubgraphDefinition } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import { createContext, type ParentsContext } from './context.ts';
import { parentsAudit } from './data/audit.ts';
import { applyCtfCarers } from './data/ctf-carers.ts';
import { resolvers } from './resolvers/index.ts';
import { parseCtfHandoff } from './rules/ctf-handoff.ts';

export { parentsAudit };

export const SCHEMA_DIR = fileURLToPath(new URL('./schema', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** The parents subgraph over a database; tests and index.ts both build it here. */
export function parentsSubgraph(db: Db): SubgraphDefinition<ParentsContext> {
  return {
    name: 'parents',
    typeDefs: loadTypeDefs(SCHEMA_DIR),
    resolvers,
    createContext: (viewer) => createContext(db, viewer),
    audit: parentsAudit(db),
    internalCalls: {
      /**
       * The progress subgraph delivering the carers CTFs named (its outbox, `progress.carer_handoffs`): applied
       * in one transaction, idempotent, so a retry after a lost answer changes nothing.
       */
      'carer-handoffs': async (args) => {
        const parsed = parseCtfHandoff(args);
        if (!parsed.ok) throw new InternalCallError(parsed.problems.join('; '));
        return applyCtfCarers(db, parsed.value);
      },
    },
    healthCheck: async () => {
      await db.execute(sql`select 1`);
    },
  };
}

export { PARENTS_DATA_SUBJECT } from './data/data-subject.ts';
export {
  backoffMs,
  type DeliveryAdapters,
  deliverDue,
  fileAdapters,
  type OutgoingMessage,
  startOutboxWorker,
} from './data/outbox.ts';
export { type NewTeacherStatus, recordTeacherStatuses } from './data/teacher-statuses.ts';
export { lowResponseSchools, seedIfEmpty } from './demo/seed.ts';

import { fileURLToPath } from 'node:url';
import type { Db } from '@commonroom/db';
import {
  type AuditSettings,
  InternalCallError,
  loadTypeDefs,
  type SubgraphDefinition,
} from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import { createContext, type ParentsContext } from './context.ts';
import { applyCtfCarers } from './data/ctf-carers.ts';
import { resolvers } from './resolvers/index.ts';
import { parseCtfHandoff } from './rules/ctf-handoff.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('./schema', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

const byId = (row: Record<string, unknown>) => row.id as string | undefined;
const byPupilId = (row: Record<string, unknown>) => row.pupilId as string | undefined;

/**
 * The audit trail (subgraph-kit audit.ts): a child's carers, traffic lights, messages and consultation
 * bookings are pupil-level data; reading any of their fields records the child. Every mutation is recorded.
 */
export const parentsAudit = (db: Db): AuditSettings => ({
  db,
  schema: 'parents',
  pupilDirectory: 'parents.pupil_directory',
  schoolDirectory: 'parents.school_directory',
  tombstones: 'parents.erasures',
  pupilTypes: {
    Pupil: byId,
    CarerLink: byPupilId,
    TrafficLight: byPupilId,
    TeacherTrafficLight: byPupilId,
    ClearedTrafficLight: byPupilId,
    Message: byPupilId,
    ConsultationSlot: (row) => row.bookedForPupilId as string | undefined,
    SubjectAccessExport: byPupilId,
  },
  alwaysRecord: ['Trust.parentsAuditEvents'],
});

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

import { fileURLToPath } from 'node:url';
import type { Db } from '@commonroom/db';
import { type AuditSettings, loadTypeDefs, type SubgraphDefinition } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';
import { createContext, type ProgressContext } from './context.ts';
import type { HandoffWorker } from './ctf/delivery.ts';
import { type ProgressEnv, progressEnv } from './env.ts';
import { resolvers } from './resolvers/index.ts';

export const SCHEMA_DIR = fileURLToPath(new URL('./schema', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

const byId = (row: Record<string, unknown>) => row.id as string | undefined;
const byPupilId = (row: Record<string, unknown>) => row.pupilId as string | undefined;

/**
 * The audit trail (subgraph-kit audit.ts): these types are pupil-level data, and reading any of their fields
 * records the pupil. Assessments, results, ratings and the like are only reached through a Pupil, a plan or a
 * target, which records them.
 */
export const progressAudit = (db: Db): AuditSettings => ({
  db,
  schema: 'progress',
  pupilDirectory: 'progress.pupils',
  schoolDirectory: 'progress.school_directory',
  tombstones: 'progress.erasures',
  pupilTypes: {
    Pupil: byId,
    ProgressPlan: byPupilId,
    LearningTarget: byPupilId,
    Review: byPupilId,
    Booking: byPupilId,
    Entitlement: byPupilId,
    SubjectAccessExport: byPupilId,
  },
  alwaysRecord: ['Trust.progressAuditEvents'],
});

/** The progress subgraph over a database; tests and index.ts both build it here. */
export function progressSubgraph(
  db: Db,
  settings: ProgressEnv = progressEnv(),
  handoffs?: HandoffWorker,
): SubgraphDefinition<ProgressContext> {
  const kick = handoffs && (() => void handoffs.kick());
  return {
    name: 'progress',
    typeDefs: loadTypeDefs(SCHEMA_DIR),
    resolvers,
    createContext: (viewer) => createContext(db, viewer, settings, kick),
    audit: progressAudit(db),
    healthCheck: async () => {
      await db.execute(sql`select 1`);
    },
  };
}

export { applyInParents, type HandoffWorker, startHandoffWorker } from './ctf/delivery.ts';
export { PROGRESS_DATA_SUBJECT } from './data/data-subject.ts';
export { importAssessments } from './data/import.ts';
export { DEFAULT_RETENTION_YEARS, type RetentionCandidate, retentionCandidates } from './data/retention.ts';
export { groupStatsSql, schoolProgressSql, trendStatsSql } from './data/summaries.ts';
export {
  type GenerateOptions,
  type GenerateResult,
  generateProgressData,
  loadSchoolDirectory,
} from './demo/generate.ts';
export { seedIfEmpty } from './demo/seed.ts';
export { DEMO_PROVIDERS } from './demo/support.ts';

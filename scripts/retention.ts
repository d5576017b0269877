/**
 * `npm run retention [-- --today YYYY-MM-DD] [--dry-run]`: erases, in every subgraph holding pupil data, the
 * pupils whose data has outlived their trust's retention period (progress `trust_settings.retention_years`,
 * default 6 years after the later of leaving and the last assessment; see progress `src/data/retention.ts`).
 * It works on the subgraphs' own databases (like the import commands), one transaction per pupil per
 * subgraph, and records each erasure in that subgraph's audit trail as the `retention` actor. On the embedded
 * database, stop `npm start` first: PGlite allows one process at a time.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Db, openSubgraphDatabase, runMigrations } from '@commonroom/db';
import {
  PARENTS_DATA_SUBJECT,
  MIGRATIONS_DIR as PARENTS_MIGRATIONS,
  parentsAudit,
} from '@commonroom/parents';
import {
  PROGRESS_DATA_SUBJECT,
  MIGRATIONS_DIR as PROGRESS_MIGRATIONS,
  progressAudit,
  retentionCandidates,
} from '@commonroom/progress';
import {
  type AuditSettings,
  type DataSubjectSettings,
  eraseDataSubject,
  insertAuditEvent,
  locateDataSubject,
} from '@commonroom/subgraph-kit';

export interface RetentionResult {
  /** Pupils erased, by trust (`none` for schools outside a trust). */
  erasedByTrust: Record<string, number>;
  pupils: string[];
}

async function eraseIn(db: Db, subject: DataSubjectSettings, audit: AuditSettings, pupilId: string) {
  const found = await locateDataSubject(db, subject, pupilId);
  if (!found || found.erasedAt) return;
  await eraseDataSubject(db, subject, found, { erasedBy: 'retention', reason: 'RETENTION' });
  await insertAuditEvent(audit, {
    sub: 'retention',
    role: 'retention',
    scope: null,
    trust: found.trustId,
    operationName: 'retention',
    operationType: 'mutation',
    fields: ['Retention.erase'],
    pupils: [pupilId],
    urns: [found.urn],
    outcome: 'OK',
    errorCodes: [],
  });
}

/** Finds the pupils past retention (progress owns pupils) and erases each in progress and in parents. */
export async function runRetention(
  dbs: { progress: Db; parents: Db },
  options: { today: string; dryRun?: boolean },
): Promise<RetentionResult> {
  const candidates = await retentionCandidates(dbs.progress, options.today);
  const erasedByTrust: Record<string, number> = {};
  for (const candidate of candidates) {
    const trust = candidate.trustId ?? 'none';
    erasedByTrust[trust] = (erasedByTrust[trust] ?? 0) + 1;
    if (options.dryRun) continue;
    await eraseIn(dbs.progress, PROGRESS_DATA_SUBJECT, progressAudit(dbs.progress), candidate.pupilId);
    await eraseIn(dbs.parents, PARENTS_DATA_SUBJECT, parentsAudit(dbs.parents), candidate.pupilId);
  }
  return { erasedByTrust, pupils: candidates.map((c) => c.pupilId) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { today: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    console.error('usage: npm run retention [-- --today YYYY-MM-DD] [--dry-run]');
    process.exit(2);
  }
  const progress = await openSubgraphDatabase('progress');
  const parents = await openSubgraphDatabase('parents');
  try {
    await runMigrations(progress, 'progress', PROGRESS_MIGRATIONS);
    await runMigrations(parents, 'parents', PARENTS_MIGRATIONS);
    const result = await runRetention(
      { progress: progress.db, parents: parents.db },
      { today, dryRun: values['dry-run'] },
    );
    const verb = values['dry-run'] ? 'would erase' : 'erased';
    console.log(`retention on ${today}: ${verb} ${result.pupils.length} pupil(s)`);
    for (const [trust, n] of Object.entries(result.erasedByTrust)) console.log(`  ${trust}: ${n}`);
  } finally {
    await progress.close();
    await parents.close();
  }
}

/**
 * `npm run retention [-- --today YYYY-MM-DD] [--trust ID | --la CODE] [--dry-run]`: erases, in every subgraph schema/subgraphs.ts marks
 * for retention, the pupils whose data has outlived their trust's retention period (progress `trust_settings.retention_years`,
 * default 6 years after the later of leaving and the last assessment; see progress `src/data/retention.ts`).
 * It works on the subgraphs' own databases (like the import commands), one transaction per pupil per
 * subgraph, and records each erasure in that subgraph's audit trail as the `retention` actor. `--trust` keeps it
 * to one trust's pupils and `--la` to the pupils of the schools an LA maintains (in no trust), for the DPO who
 * acts for them; without either, every pupil past retention. On the embedded
 * database, stop `npm start` first: PGlite allows one process at a time.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Db, type DbHandle, openSubgraphDatabase, runMigrations } from '@commonroom/db';
import { retentionCandidates } from '@commonroom/progress';
import { PUPIL_DATA_SUBGRAPHS } from '@commonroom/schema';
import {
  type AuditSettings,
  type DataSubjectSettings,
  eraseDataSubject,
  insertAuditEvent,
  locateDataSubject,
} from '@commonroom/subgraph-kit';

/** What retention needs from a subgraph holding pupil data, loaded from its package by the registry's names. */
interface PupilDataModule {
  migrationsDir: string;
  subject: DataSubjectSettings;
  audit(db: Db): AuditSettings;
}

const RETAINED = PUPIL_DATA_SUBGRAPHS.filter((s) => s.pupilData.retention);

async function loadPupilData(entry: (typeof RETAINED)[number]): Promise<PupilDataModule> {
  const module_ = (await import(entry.package)) as Record<string, unknown>;
  const { dataSubjectExport, auditExport } = entry.pupilData;
  const subject = module_[dataSubjectExport] as DataSubjectSettings | undefined;
  const audit = module_[auditExport] as PupilDataModule['audit'] | undefined;
  const migrationsDir = module_.MIGRATIONS_DIR as string | undefined;
  if (!subject || typeof audit !== 'function' || !migrationsDir)
    throw new Error(
      `${entry.package} must export ${dataSubjectExport}, ${auditExport} and MIGRATIONS_DIR (schema/subgraphs.ts)`,
    );
  return { migrationsDir, subject, audit };
}

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

/**
 * Finds the pupils past retention (progress owns pupils) and erases each in every subgraph the registry marks
 * for retention, in its order. `dbs` holds each of those subgraphs' databases by name.
 */
export async function runRetention(
  dbs: Record<string, Db>,
  options: { today: string; dryRun?: boolean; scope?: { trustId: string } | { laCode: string } },
): Promise<RetentionResult> {
  const progress = dbs.progress;
  if (!progress) throw new Error('retention needs the progress database, which owns pupils');
  const candidates = await retentionCandidates(progress, options.today, options.scope);
  const modules = await Promise.all(
    RETAINED.map(async (s) => ({ name: s.name, ...(await loadPupilData(s)) })),
  );
  const erasedByTrust: Record<string, number> = {};
  for (const candidate of candidates) {
    const trust = candidate.trustId ?? 'none';
    erasedByTrust[trust] = (erasedByTrust[trust] ?? 0) + 1;
    if (options.dryRun) continue;
    for (const m of modules) {
      const db = dbs[m.name];
      if (!db) throw new Error(`retention needs the ${m.name} database`);
      await eraseIn(db, m.subject, m.audit(db), candidate.pupilId);
    }
  }
  return { erasedByTrust, pupils: candidates.map((c) => c.pupilId) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      today: { type: 'string' },
      trust: { type: 'string' },
      la: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(today) ||
    (values.trust && values.la) ||
    (values.la !== undefined && !/^\d{3}$/.test(values.la))
  ) {
    console.error('usage: npm run retention [-- --today YYYY-MM-DD] [--trust ID | --la CODE] [--dry-run]');
    process.exit(2);
  }
  const scope = values.trust ? { trustId: values.trust } : values.la ? { laCode: values.la } : undefined;
  const handles: Record<string, DbHandle> = {};
  try {
    for (const entry of RETAINED) {
      const handle = await openSubgraphDatabase(entry.name);
      handles[entry.name] = handle;
      await runMigrations(handle, entry.name, (await loadPupilData(entry)).migrationsDir);
    }
    const dbs = Object.fromEntries(Object.entries(handles).map(([name, h]) => [name, h.db]));
    const result = await runRetention(dbs, { today, dryRun: values['dry-run'], scope });
    const verb = values['dry-run'] ? 'would erase' : 'erased';
    console.log(`retention on ${today}: ${verb} ${result.pupils.length} pupil(s)`);
    for (const [trust, n] of Object.entries(result.erasedByTrust)) console.log(`  ${trust}: ${n}`);
  } finally {
    for (const handle of Object.values(handles)) await handle.close();
  }
}

import { openDatabase, runMigrations, sql } from '@commonroom/db';
import { generateProgressData, MIGRATIONS_DIR, seedIfEmpty } from '@commonroom/progress';

export type Scale = 'demo' | 'trust';

/** The largest trust formed from the school list: 59 schools, about 20,600 pupils on roll. */
export const LARGE_TRUST = 'TR0473';

/**
 * Loads what a scale needs into the progress database before the hub starts (the embedded database
 * allows one process at a time): the demo data always, and for `trust` every school of the largest trust.
 * Data already there is kept, so a second run starts at once.
 */
export async function prepareScale(scale: Scale, database: { url?: string; dataDir?: string }) {
  if (scale === 'demo') return;
  const handle = await openDatabase(database);
  try {
    await runMigrations(handle, 'progress', MIGRATIONS_DIR);
    await seedIfEmpty(handle.db);
    const [existing] = await handle.rows<{ n: number }>(
      sql`select count(*)::int as n from progress.school_directory d join progress.pupils p on p.urn = d.urn where d.trust_id = ${LARGE_TRUST}`,
    );
    if ((existing?.n ?? 0) > 0) return;
    console.log(`generating progress data for every school of ${LARGE_TRUST} …`);
    const result = await handle.db.transaction((tx) => generateProgressData(tx, { trustIds: [LARGE_TRUST] }));
    console.log(
      `  ${result.schools} schools, ${result.pupils} pupils, ${result.assessments} assessments in ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.assessments / (result.ms / 1000))} assessment rows/s)`,
    );
  } finally {
    await handle.close();
  }
}

import { openDatabase, runMigrations, sql } from '@commonroom/db';
import { generateProgressData, MIGRATIONS_DIR, seedIfEmpty } from '@commonroom/progress';

export type Scale = 'demo' | 'trust' | 'kent';

/** The largest trust formed from the school list: 59 schools, about 20,600 pupils on roll. */
export const LARGE_TRUST = 'TR0473';

/** Kent, the largest LA: 584 schools, about 214,000 pupils on roll. */
export const LARGE_LA = '886';

/**
 * Loads what a scale needs into the progress database before the hub starts (the embedded database
 * allows one process at a time): the demo data always; for `trust` every school of the largest trust; for
 * `kent` every school in Kent.
 * Data already there is kept, so a second run starts at once.
 */
export async function prepareScale(scale: Scale, database: { url?: string; dataDir?: string }) {
  if (scale === 'demo') return;
  const handle = await openDatabase(database);
  try {
    await runMigrations(handle, 'progress', MIGRATIONS_DIR);
    await seedIfEmpty(handle.db);
    const where = scale === 'trust' ? sql`d.trust_id = ${LARGE_TRUST}` : sql`d.la_code = ${LARGE_LA}`;
    const [existing] = await handle.rows<{ n: number }>(
      sql`select count(*)::int as n from progress.school_directory d join progress.pupils p on p.urn = d.urn where ${where}`,
    );
    if ((existing?.n ?? 0) > 0) return;
    const options = scale === 'trust' ? { trustIds: [LARGE_TRUST] } : { laCodes: [LARGE_LA] };
    console.log(
      `generating progress data for ${scale === 'trust' ? `every school of ${LARGE_TRUST}` : 'every school in Kent'} …`,
    );
    const result = await handle.db.transaction((tx) => generateProgressData(tx, options));
    console.log(
      `  ${result.schools} schools, ${result.pupils} pupils, ${result.assessments} assessments in ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.assessments / (result.ms / 1000))} assessment rows/s)`,
    );
  } finally {
    await handle.close();
  }
}

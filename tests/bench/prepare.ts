import { openDatabase, runMigrations, sql } from '@commonroom/db';
import { generateProgressData, MIGRATIONS_DIR, seedIfEmpty } from '@commonroom/progress';
import { englandSchoolList } from '@commonroom/school-list';

/** `kent` is the old name of `la`. `growth` is prepared step by step by growth.ts. */
export type Scale = 'demo' | 'trust' | 'la' | 'kent' | 'england' | 'growth';
export const SCALES: readonly Scale[] = ['demo', 'trust', 'la', 'kent', 'england', 'growth'];

/** The largest trust formed from the school list: 59 schools, about 20,600 pupils on roll. */
export const LARGE_TRUST = 'TR0473';

/** Kent, the largest LA: 584 schools, about 214,000 pupils on roll. */
export const LARGE_LA = '886';

export interface Database {
  url?: string;
  dataDir?: string;
}

/** What one generation wrote and how fast, for the results. */
export interface LoadRecord {
  what: string;
  schools: number;
  pupils: number;
  assessments: number;
  /** Every row written, all tables. */
  rows: number;
  seconds: number;
  /** Generating and writing the rows, without refreshing the summaries. */
  rowsSeconds: number;
  summariesSeconds: number;
  assessmentRowsPerSecond: number;
  rowsPerSecond: number;
}

export const loads: LoadRecord[] = [];

/**
 * Generates one set of schools in its own transaction (so a long run keeps what it has done) and records
 * the rates: assessment rows per second over the whole generation, and all rows per second while writing.
 */
async function generate(
  handle: Awaited<ReturnType<typeof openDatabase>>,
  what: string,
  options: Parameters<typeof generateProgressData>[1],
) {
  const r = await handle.db.transaction((tx) => generateProgressData(tx, options));
  const rows = Object.values(r.rows).reduce((a, n) => a + n, 0);
  const record: LoadRecord = {
    what,
    schools: r.schools,
    pupils: r.pupils,
    assessments: r.assessments,
    rows,
    seconds: r.ms / 1000,
    rowsSeconds: r.rowsMs / 1000,
    summariesSeconds: r.summariesMs / 1000,
    assessmentRowsPerSecond: Math.round(r.assessments / (r.ms / 1000)),
    rowsPerSecond: Math.round(rows / (r.rowsMs / 1000)),
  };
  loads.push(record);
  console.log(
    `  ${what}: ${r.schools} schools, ${r.pupils} pupils, ${r.assessments} assessments, ${rows} rows in ${record.seconds.toFixed(1)} s (rows ${record.rowsSeconds.toFixed(1)} s, summaries ${record.summariesSeconds.toFixed(1)} s): ${record.assessmentRowsPerSecond} assessment rows/s overall, ${record.rowsPerSecond} rows/s while writing`,
  );
  return record;
}

/** The schools of an LA or trust that have no pupils yet (some may have come with the demo, an LA or a trust). */
async function notYetGenerated(
  handle: Awaited<ReturnType<typeof openDatabase>>,
  of: { laCode?: string; trustId?: string },
) {
  const { schools, trusts } = englandSchoolList();
  const wanted = of.trustId
    ? (trusts.find((t) => t.id === of.trustId)?.urns ?? [])
    : schools.filter((s) => s.laCode === of.laCode).map((s) => s.urn);
  const done = new Set(
    (
      await handle.rows<{ urn: number }>(
        sql`select distinct urn from progress.pupils where urn in (${sql.join(
          wanted.map((u) => sql`${u}`),
          sql`, `,
        )})`,
      )
    ).map((r) => Number(r.urn)),
  );
  return wanted.filter((urn) => !done.has(urn));
}

/** Every LA with its pupils on roll, smallest first (the order growth adds them in), Kent last. */
export function lasBySize() {
  const byLa = new Map<string, number>();
  for (const s of englandSchoolList().schools) byLa.set(s.laCode, (byLa.get(s.laCode) ?? 0) + s.pupilsOnRoll);
  return [...byLa.entries()]
    .map(([laCode, onRoll]) => ({ laCode, onRoll }))
    .sort((a, b) => a.onRoll - b.onRoll || a.laCode.localeCompare(b.laCode));
}

/**
 * Loads what a scale needs into the progress database before the hub starts (the embedded database
 * allows one process at a time): the demo data always; for `trust` every school of the largest trust; for
 * `la` (or `kent`) every school in Kent; for `england` every school in England, one LA per transaction,
 * Kent first (so its gap report has its data even if the run is cut short), then the rest smallest first.
 * `years` limits generation to the last so many academic years (`england` defaults to 1; the others to all
 * five), and `lean` leaves out the current pupils' classroom detail (`england` always): what fits on one machine. Data already there is kept (an LA already generated is skipped,
 * whatever years it was generated with), so a second run starts at once.
 */
export async function prepareScale(scale: Scale, database: Database, years?: number, lean = false) {
  const yearsToGenerate = years ?? (scale === 'england' ? 1 : undefined);
  const leanToGenerate = lean || scale === 'england';
  if (scale === 'demo' || scale === 'growth') return;
  const handle = await openDatabase(database);
  try {
    await runMigrations(handle, 'progress', MIGRATIONS_DIR);
    await seedIfEmpty(handle.db);
    if (scale === 'trust') {
      const urns = await notYetGenerated(handle, { trustId: LARGE_TRUST });
      if (urns.length === 0) return;
      console.log(`generating progress data for ${urns.length} schools of ${LARGE_TRUST} …`);
      await generate(handle, `trust ${LARGE_TRUST}`, { urns, years: yearsToGenerate, lean: leanToGenerate });
      return;
    }
    const las =
      scale === 'england'
        ? [
            LARGE_LA,
            ...lasBySize()
              .map((l) => l.laCode)
              .filter((la) => la !== LARGE_LA),
          ]
        : [LARGE_LA];
    for (const laCode of las) {
      const urns = await notYetGenerated(handle, { laCode });
      if (urns.length === 0) continue;
      console.log(`generating progress data for ${urns.length} schools in LA ${laCode} …`);
      await generate(handle, `LA ${laCode}`, { urns, years: yearsToGenerate, lean: leanToGenerate });
    }
  } finally {
    await handle.close();
  }
}

/**
 * Grows the progress database to at least `pupils` generated pupils: the demo data, then whole LAs, smallest
 * first — with Kent first once the target reaches a million, so the largest LA is measured at that size —
 * several LAs to a transaction (about 60,000 pupils each). Returns the number of pupils.
 */
export async function growTo(pupils: number, database: Database) {
  const handle = await openDatabase(database);
  try {
    await runMigrations(handle, 'progress', MIGRATIONS_DIR);
    await seedIfEmpty(handle.db);
    const count = async () =>
      (await handle.rows<{ n: number }>(sql`select count(*)::int as n from progress.pupils`))[0]?.n ?? 0;
    const order = lasBySize();
    if (pupils >= 1_000_000) {
      const kent = order.findIndex((l) => l.laCode === LARGE_LA);
      order.unshift(...order.splice(kent, 1));
    }
    // Generated pupils include those who have left in the five years: about 1.65 × those on roll.
    const expected = (onRoll: number) => onRoll * 1.65;
    let have = await count();
    let batch: { laCodes: string[]; urns: number[]; pupils: number } = { laCodes: [], urns: [], pupils: 0 };
    const flush = async () => {
      if (batch.urns.length === 0) return;
      const record = await generate(handle, `LA ${batch.laCodes.join(', ')}`, { urns: batch.urns });
      have += record.pupils;
      batch = { laCodes: [], urns: [], pupils: 0 };
    };
    for (const la of order) {
      if (have + batch.pupils >= pupils) break;
      const urns = await notYetGenerated(handle, { laCode: la.laCode });
      if (urns.length === 0) continue;
      if (batch.pupils > 0 && batch.pupils + expected(la.onRoll) > 60_000) await flush();
      batch.laCodes.push(la.laCode);
      batch.urns.push(...urns);
      batch.pupils += expected(la.onRoll);
    }
    await flush();
    return await count();
  } finally {
    await handle.close();
  }
}

import type { Db } from '@commonroom/db';
import { parseSchoolList, type RowError } from '@commonroom/school-list';
import { sql } from 'drizzle-orm';
import { schoolValues, upsertLocalAuthorities } from './directory.ts';
import { schools } from './tables.ts';

export type ImportResult =
  | { ok: true; inserted: number; updated: number; unchanged: number }
  | { ok: false; errors: RowError[] };

/** The columns a re-import may change (everything the file carries but the URN). */
const UPDATABLE = [
  'laestab',
  'laCode',
  'estab',
  'name',
  'type',
  'phase',
  'constituency',
  'pupilsOnRoll',
  'primaryOnRoll',
  'secondaryOnRoll',
  'disadvantagedPupils',
  'percentDisadvantaged',
] as const;

const excluded = (key: (typeof UPDATABLE)[number]) => sql.raw(`excluded."${schools[key].name}"`);

/**
 * Imports a school list in the DfE CSV format, upserting by URN in one transaction. A file with any bad row
 * is rejected whole (every bad line listed) and nothing is written. A row identical to what is stored is
 * left alone, so importing the same file twice changes nothing. Trust membership is not in the file and is
 * kept as it is.
 */
export async function importSchoolList(db: Db, csv: string): Promise<ImportResult> {
  const { schools: list, errors } = parseSchoolList(csv);
  if (errors.length > 0) return { ok: false, errors };
  if (list.length === 0) return { ok: false, errors: [{ line: 1, message: 'the file has no schools' }] };
  const changed = sql.join(
    UPDATABLE.map((key) => sql`${schools[key]} is distinct from ${excluded(key)}`),
    sql` or `,
  );
  let inserted = 0;
  let updated = 0;
  await db.transaction(async (tx) => {
    await upsertLocalAuthorities(tx, list);
    for (let i = 0; i < list.length; i += 1000) {
      const written = await tx
        .insert(schools)
        .values(list.slice(i, i + 1000).map(schoolValues))
        .onConflictDoUpdate({
          target: schools.urn,
          set: { ...Object.fromEntries(UPDATABLE.map((key) => [key, excluded(key)])), updatedAt: sql`now()` },
          setWhere: changed,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const row of written) {
        if (row.inserted) inserted++;
        else updated++;
      }
    }
  });
  return { ok: true, inserted, updated, unchanged: list.length - inserted - updated };
}

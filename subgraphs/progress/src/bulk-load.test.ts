import { queryRows, runMigrations } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { generateProgressData } from './data/generate.ts';
import { MIGRATIONS_DIR } from './server.ts';

/**
 * Generation is deterministic for a seed, whichever way the rows travel (COPY on a server when DATABASE_URL is
 * set, batched JSON inserts on PGlite): the same seed gives the same rows, to the checksum.
 */
const URN = 142401;

async function checksums(seed: number) {
  const handle = await createTestDatabase();
  try {
    await runMigrations(handle, 'progress', MIGRATIONS_DIR);
    const result = await handle.db.transaction((tx) => generateProgressData(tx, { urns: [URN], seed }));
    const sums: Record<string, string> = {};
    for (const table of [
      'pupils',
      'assessments',
      'pupil_results',
      'learning_targets',
      'school_summary',
      'group_summary',
    ])
      sums[table] =
        (
          await queryRows<{ md5: string }>(
            handle.db,
            sql`select md5(string_agg(t::text, '|' order by t::text)) as md5 from ${sql.raw(`progress.${table}`)} t`,
          )
        )[0]?.md5 ?? '';
    return { result, sums };
  } finally {
    await handle.close();
  }
}

describe('bulk loading', () => {
  it('gives the same rows for the same seed, and other rows for another', async () => {
    const [a, b, c] = [await checksums(1), await checksums(1), await checksums(2)];
    expect(a.result.assessments).toBeGreaterThan(500);
    expect(a.result.rows['progress.assessments']).toBe(a.result.assessments);
    expect(b.sums).toEqual(a.sums);
    expect(c.sums.assessments).not.toBe(a.sums.assessments);
  }, 120_000);
});

import { queryRows, runMigrations } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import { DEMO_LAST_YEAR } from '@commonroom/demo';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { generateProgressData } from './demo/generate.ts';
import { MIGRATIONS_DIR } from './server.ts';

/**
 * Generation is deterministic for a seed, whichever way the rows travel (COPY on a server when DATABASE_URL is
 * set, batched JSON inserts on PGlite): the same seed gives the same rows, to the checksum.
 */
const URN = 142401;

const md5Of = async (db: Parameters<typeof queryRows>[0], table: string, where = 'true') =>
  (
    await queryRows<{ md5: string }>(
      db,
      sql`select md5(string_agg(t::text, '|' order by t::text)) as md5 from ${sql.raw(`progress.${table}`)} t where ${sql.raw(where)}`,
    )
  )[0]?.md5 ?? '';

async function checksums(seed: number, only: { years?: number; lean?: boolean } = {}) {
  const handle = await createTestDatabase();
  try {
    await runMigrations(handle, 'progress', MIGRATIONS_DIR);
    const result = await handle.db.transaction((tx) =>
      generateProgressData(tx, { urns: [URN], seed, ...only }),
    );
    const sums: Record<string, string> = {};
    for (const table of [
      'pupils',
      'assessments',
      'pupil_results',
      'learning_targets',
      'school_summary',
      'group_summary',
    ])
      sums[table] = await md5Of(handle.db, table);
    // The last academic year's rows, and the pupils on roll in it: all that `years: 1` generates.
    const lastYear = {
      pupils: await md5Of(handle.db, 'pupils', `on_roll_to = ${DEMO_LAST_YEAR}`),
      assessments: await md5Of(handle.db, 'assessments', `academic_year = ${DEMO_LAST_YEAR}`),
    };
    return { result, sums, lastYear };
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
    // One year, lean (as `--scale england` generates): exactly the last year of the same pupils and
    // assessments, nothing earlier, and no classroom detail.
    const d = await checksums(1, { years: 1, lean: true });
    expect(a.result.rows['progress.concept_results']).toBeGreaterThan(0);
    expect(a.result.rows['progress.learning_targets']).toBeGreaterThan(0);
    expect(d.result.rows['progress.concept_results'] ?? 0).toBe(0);
    expect(d.result.rows['progress.learning_targets'] ?? 0).toBe(0);
    expect(d.result.rows['progress.reviews'] ?? 0).toBe(0);
    expect(d.result.assessments).toBeGreaterThan(100);
    expect(d.lastYear).toEqual(a.lastYear);
    expect(d.sums.pupils).toBe(d.lastYear.pupils);
    expect(d.sums.assessments).toBe(d.lastYear.assessments);
  });
});

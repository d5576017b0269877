import { type DbHandle, queryRows, runMigrations } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import { DEMO_LAST_YEAR } from '@commonroom/demo';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statutoryGapCounts } from './data/statutory-gap.ts';
import { generateProgressData } from './demo/generate.ts';
import { gapIndex } from './rules/gap-index.ts';
import { MIGRATIONS_DIR } from './server.ts';

/**
 * The DfE-way gap index on KS2 statutory results (data/statutory-gap.ts) against the rank rule
 * (rules/gap-index.ts) on the same pupils: with every school of one LA loaded, the whole cohort is the LA's,
 * so the LA's index must equal the rule's over every pupil with both reading and maths scaled scores.
 */
let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await runMigrations(handle, 'progress', MIGRATIONS_DIR);
  await generateProgressData(handle.db, { laCodes: ['857'], years: 1 });
});
afterAll(() => handle?.close());

describe('statutoryGapCounts', () => {
  it("gives an LA holding the whole cohort the DfE index of its pupils' mean KS2 reading and maths scores", async () => {
    const year = DEMO_LAST_YEAR;
    const pupils = await queryRows<{ score: number; disadvantaged: boolean }>(
      handle.db,
      sql`select avg(a.grade::numeric)::float8 as score, p.disadvantaged
          from progress.assessments a join progress.pupils p on p.id = a.pupil_id
          where a.kind = 'STATUTORY' and a.scale_id = 'KS2_SCALED' and a.academic_year = ${year}
            and a.subject in ('READING', 'MATHS')
          group by a.pupil_id, p.disadvantaged having count(distinct a.subject) = 2`,
    );
    expect(pupils.length).toBeGreaterThan(30);
    const expected = gapIndex(pupils.map((p) => ({ score: Number(p.score), focus: p.disadvantaged })));
    const [la] = await statutoryGapCounts(handle.db, 'la', ['857'], 'KS2', year);
    expect(la?.disadvantaged).toBe(pupils.filter((p) => p.disadvantaged).length);
    expect(la?.others).toBe(pupils.filter((p) => !p.disadvantaged).length);
    expect(20 * ((la?.othersRank ?? 0) - (la?.disadvantagedRank ?? 0))).toBeCloseTo(
      expected ?? Number.NaN,
      9,
    );
    // An area with no results that year: nobody on either side.
    const [none] = await statutoryGapCounts(handle.db, 'la', ['000'], 'KS2', year);
    expect(none).toEqual({ disadvantaged: 0, others: 0, disadvantagedRank: null, othersRank: null });
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from './index.ts';
import { createSeededTestDatabase, type SeededDatabase } from './testing.ts';

describe('seeded test databases', () => {
  it('are built once per run and copied per test file, each copy its own', async () => {
    let builds = 0;
    const seeded: SeededDatabase = {
      // A key of this test's own, so an earlier file's database of the same name cannot answer for it.
      key: `seeded-test-${randomBytes(6).toString('hex')}`,
      async build(handle) {
        builds++;
        await handle.rows(sql`create table pupils (name text)`);
        await handle.rows(sql`insert into pupils values ('Ada')`);
      },
    };
    const first = await createSeededTestDatabase(seeded);
    const second = await createSeededTestDatabase(seeded);
    try {
      expect(process.env.COMMONROOM_TEST_SNAPSHOTS, 'the suite sets a folder for them').toBeTruthy();
      expect(builds).toBe(1);
      await first.rows(sql`insert into pupils values ('Ben')`);
      expect(await second.rows(sql`select name from pupils order by name`)).toEqual([{ name: 'Ada' }]);
      expect(await first.rows(sql`select name from pupils order by name`)).toEqual([
        { name: 'Ada' },
        { name: 'Ben' },
      ]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

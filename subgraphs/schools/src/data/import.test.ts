import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type DbHandle, runMigrations } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import { BUNDLED_SCHOOL_LIST } from '@commonroom/school-list';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../server.ts';
import { importSchoolList } from './import.ts';
import { schools } from './tables.ts';

let handle: DbHandle;
let header: string;
let rows: string[];

beforeAll(async () => {
  handle = await createTestDatabase();
  await runMigrations(handle, 'schools', MIGRATIONS_DIR);
  const lines = (await readFile(BUNDLED_SCHOOL_LIST, 'utf8')).split('\n');
  header = lines[0] ?? '';
  rows = lines.slice(1, 6);
});
afterAll(() => handle?.close());

const csv = (...body: string[]) => [header, ...body].join('\n');
const snapshot = () => handle.db.select().from(schools).orderBy(asc(schools.urn));

describe('importing a school list', () => {
  it('adds new schools, then changes nothing when the same file comes again', async () => {
    expect(await importSchoolList(handle.db, csv(...rows))).toEqual({
      ok: true,
      inserted: 5,
      updated: 0,
      unchanged: 0,
    });
    const before = await snapshot();
    expect(await importSchoolList(handle.db, csv(...rows))).toEqual({
      ok: true,
      inserted: 0,
      updated: 0,
      unchanged: 5,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('updates by URN only the rows that changed', async () => {
    const changed = (rows[1] ?? '').replace(/,52,0,/, ',60,0,');
    const result = await importSchoolList(handle.db, csv(rows[0] ?? '', changed));
    expect(result).toEqual({ ok: true, inserted: 0, updated: 1, unchanged: 1 });
    const stored = (await snapshot()).find((s) => s.urn === 100006);
    expect(stored?.pupilsOnRoll).toBe(60);
  });

  it('rejects a file with bad rows whole, naming every bad line, and writes nothing', async () => {
    const before = await snapshot();
    const good =
      '999001,8862999,886,Kent,2999,New Kent School,Community school,Dover,100,100,10,0.1,13200,0,0,0,0,10,13200';
    const missingUrn = `,${good.slice(good.indexOf(',') + 1)}`;
    const badRoll = good.replace('999001', '999002').replace(',100,100,', ',lots,100,');
    const unknownLa = good.replace('999001', '999003').replace(',886,Kent,', ',999,Nowhere,');
    const result = await importSchoolList(handle.db, csv(good, missingUrn, badRoll, unknownLa));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(result.errors[0]?.message).toMatch(/URN is missing/);
    expect(result.errors[1]?.message).toMatch(/pupils on roll/);
    expect(result.errors[2]?.message).toMatch(/unknown local authority code "999"/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the import command', () => {
  it('exits 1 listing the bad lines, and imports a good file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'commonroom-import-'));
    const run = promisify(execFile);
    // The command on its own embedded database in a temporary folder, whatever the suite runs on.
    const { DATABASE_URL: _server, ...rest } = process.env;
    const env = { ...rest, COMMONROOM_DATA_DIR: dir };
    try {
      await writeFile(join(dir, 'bad.csv'), csv(rows[0] ?? '', `,${rows[1]?.slice(7)}`));
      const failure = await run('npx', ['tsx', 'src/import.ts', join(dir, 'bad.csv')], {
        cwd: join(MIGRATIONS_DIR, '..'),
        env,
      }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/nothing was written/);
      expect(failure?.stderr).toMatch(/line 3: URN is missing/);
      await writeFile(join(dir, 'good.csv'), csv(...rows));
      const ok = await run('npx', ['tsx', 'src/import.ts', join(dir, 'good.csv')], {
        cwd: join(MIGRATIONS_DIR, '..'),
        env,
      });
      expect(ok.stdout).toMatch(/5 added, 0 updated, 0 unchanged/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type DbHandle, openDatabase, queryRows, runMigrations } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import { MIGRATIONS_DIR as PARENTS_MIGRATIONS } from '@commonroom/parents';
import {
  generateProgressData,
  loadSchoolDirectory,
  MIGRATIONS_DIR as PROGRESS_MIGRATIONS,
} from '@commonroom/progress';
import { importCtf } from '@commonroom/progress/ctf';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverCarerHandoffs } from '../../scripts/carer-handoffs.ts';
import { type DemoCtfFile, writeDemoCtf } from '../../scripts/demo-ctf.ts';

/**
 * `npm run demo:ctf` round trip: the demo generator's pupils on roll at a small primary written as CTF files,
 * imported into fresh progress and parents databases, give the same pupils (by UPN: names, date of birth,
 * groups, year), the same key-stage results and the same number of carers per pupil as the generator's own.
 */
const URN = 142401;
let files: DemoCtfFile[];
let generated: DbHandle;
let imported: DbHandle;
let parents: DbHandle;

beforeAll(async () => {
  const out = await mkdtemp(join(tmpdir(), 'demo-ctf-'));
  files = await writeDemoCtf({ urn: URN, out });
  generated = await createTestDatabase();
  await runMigrations(generated, 'progress', PROGRESS_MIGRATIONS);
  await generateProgressData(generated.db, { urns: [URN] });
  imported = await createTestDatabase();
  await runMigrations(imported, 'progress', PROGRESS_MIGRATIONS);
  await loadSchoolDirectory(imported.db);
  parents = await createTestDatabase();
  await runMigrations(parents, 'parents', PARENTS_MIGRATIONS);
});
afterAll(async () => {
  await generated?.close();
  await imported?.close();
  await parents?.close();
});

const PUPIL = sql`select p.upn, p.given_name, p.family_name, p.date_of_birth::text as dob, p.sex, p.ethnicity,
  p.sen, p.eal, p.looked_after, p.disadvantaged, p.reception_year, p.urn,
  (select count(*)::int from progress.assessments a where a.pupil_id = p.id and a.kind <> 'PERIODIC') as key_stage_results,
  (select string_agg(a.subject || ':' || a.scale_id || ':' || a.grade, ',' order by a.assessed_on, a.subject)
     from progress.assessments a where a.pupil_id = p.id and a.kind <> 'PERIODIC') as results,
  (select count(*)::int from progress.carer_links l where l.pupil_id = p.id) as carers
  from progress.pupils p`;

describe('npm run demo:ctf', () => {
  it('writes one file per year group that the import accepts, giving the same pupils, results and carers', async () => {
    expect(files.length).toBeGreaterThan(1);
    let inserted = 0;
    for (const f of files) {
      const result = await importCtf(imported.db, await readFile(f.path, 'utf8'));
      if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
      expect(result.urn).toBe(URN);
      inserted += result.inserted;
    }
    const expected = await queryRows<Record<string, unknown>>(
      generated.db,
      sql`${PUPIL} where p.urn = ${URN} and p.on_roll_to = (select max(on_roll_to) from progress.pupils where urn = ${URN}) order by p.upn`,
    );
    const actual = await queryRows<Record<string, unknown>>(imported.db, sql`${PUPIL} order by p.upn`);
    expect(inserted).toBe(expected.length);
    expect(actual).toEqual(expected);
    expect(actual.some((p) => Number(p.key_stage_results) > 0)).toBe(true);

    const [attendance] = await queryRows<{ n: number }>(
      imported.db,
      sql`select count(distinct pupil_id)::int as n from progress.pupil_attendance`,
    );
    expect(attendance?.n).toBe(expected.length);

    await deliverCarerHandoffs({ progress: imported.db, parents: parents.db });
    const [links] = await queryRows<{ n: number; primaries: number; pupils: number }>(
      parents.db,
      sql`select count(*)::int as n, count(*) filter (where primary_contact)::int as primaries,
            count(distinct pupil_id)::int as pupils from parents.carer_links`,
    );
    const carers = expected.reduce((a, p) => a + Number(p.carers), 0);
    expect(links?.n).toBe(carers);
    expect(links?.primaries).toBe(links?.pupils);
  });

  it('imports them again changing nothing', async () => {
    for (const f of files) {
      const result = await importCtf(imported.db, await readFile(f.path, 'utf8'));
      expect(result).toMatchObject({ ok: true, inserted: 0, updated: 0, resultsWritten: 0 });
    }
    expect(await deliverCarerHandoffs({ progress: imported.db, parents: parents.db })).toMatchObject({
      pupils: 0,
    });
  });
});

describe('npm run import:ctf on the demo files', () => {
  it('shows progress on stderr per file (pupils, rate, time left) and ends with the summary; a bad file is rejected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'import-ctf-'));
    const bad = join(dir, 'bad.xml');
    await writeFile(bad, '<CTfile><Header>', 'utf8');
    // The command's embedded database in its own folder, with the school list as `npm start` loads it.
    const progress = await openDatabase({ dataDir: join(dir, 'progress') });
    await runMigrations(progress, 'progress', PROGRESS_MIGRATIONS);
    await loadSchoolDirectory(progress.db);
    await progress.close();
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const { DATABASE_URL: _server, ...env } = process.env;
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/import-ctf.ts', ...files.map((f) => f.path), bad],
      { cwd: root, env: { ...env, COMMONROOM_DATA_DIR: dir } },
    );
    const failed = await run.then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    // One file was rejected, so the command exits 1 — having imported the others.
    expect(failed?.code).toBe(1);
    const pupils = files.reduce((a, f) => a + f.pupils, 0);
    const lines = (failed?.stderr ?? '').split('\n').filter((l) => /^\[\d+\/\d+\]/.test(l));
    expect(lines, failed?.stderr).toHaveLength(files.length + 1);
    expect(lines[0], failed?.stderr).toMatch(
      new RegExp(
        `^\\[1/${files.length + 1}\\] .*→ ${URN}: ${files[0]?.pupils} added, 0 updated, 0 unchanged, 0 moved here · ${files[0]?.pupils} pupils, \\d+/s, \\d+ s so far, about \\d+ s left$`,
      ),
    );
    expect(lines.at(-1)).toMatch(/bad\.xml: rejected/);
    expect(failed?.stderr).toMatch(/bad\.xml was not imported; nothing was written/);
    expect(failed?.stdout).toMatch(
      new RegExp(
        `${files.length + 1} file\\(s\\), ${pupils} pupils in \\d+ s: ${pupils} inserted, 0 updated, 0 unchanged, 0 moved, 1 file\\(s\\) rejected`,
      ),
    );
    expect(failed?.stdout).toMatch(
      new RegExp(`carers: ${pupils} pupils' carers handed to parents, [1-9]\\d* carers added`),
    );
  });
});

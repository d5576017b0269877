/**
 * `npm run import:ctf -- FILE.xml [FILE.xml …]`: imports Common Transfer Files into progress, each file all or
 * nothing (docs/data-in.md). A rejected file lists every problem by element path and writes nothing; the
 * command goes on with the next file and exits 1 at the end if any was rejected. On the embedded database,
 * stop `npm start` first (PGlite allows one process at a time).
 */
import { readFile } from 'node:fs/promises';
import { openSubgraphDatabase, runMigrations } from '@commonroom/db';
import { MIGRATIONS_DIR } from '../server.ts';
import { importCtf } from './import.ts';
import { describeCtfError } from './parse.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run import:ctf -- FILE.xml [FILE.xml …]');
  process.exit(2);
}
const handle = await openSubgraphDatabase('progress');
const total = { inserted: 0, updated: 0, unchanged: 0, moved: 0, rejected: 0, pupils: 0 };
const started = Date.now();
try {
  await runMigrations(handle, 'progress', MIGRATIONS_DIR);
  for (const [i, file] of files.entries()) {
    const result = await importCtf(handle.db, await readFile(file, 'utf8'));
    const seconds = (Date.now() - started) / 1000;
    if (!result.ok) {
      total.rejected++;
      console.error(`${file} was not imported; nothing was written. ${result.errors.length} problem(s):`);
      for (const e of result.errors) console.error(`  ${describeCtfError(e)}`);
      continue;
    }
    for (const key of ['inserted', 'updated', 'unchanged', 'moved'] as const) total[key] += result[key];
    total.pupils += result.pupilIds.length;
    const left =
      files.length > 1 ? `, about ${Math.round((seconds / (i + 1)) * (files.length - i - 1))} s left` : '';
    console.log(
      `[${i + 1}/${files.length}] ${file} → ${result.urn}: ${result.inserted} added, ${result.updated} updated, ` +
        `${result.unchanged} unchanged, ${result.moved} moved here, ${result.resultsWritten} results written ` +
        `(${total.pupils} pupils, ${Math.round(total.pupils / Math.max(seconds, 0.001))}/s${left})`,
    );
  }
  if (files.length > 1)
    console.log(
      `${files.length} files: ${total.inserted} added, ${total.updated} updated, ${total.unchanged} unchanged, ` +
        `${total.moved} moved, ${total.rejected} file(s) rejected (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  if (total.rejected > 0) process.exitCode = 1;
} finally {
  await handle.close();
}

/**
 * `npm run import:schools -- FILE.csv`: upserts a school list in the DfE CSV format by URN. Rejects the whole
 * file, listing every bad line, if any row is bad. On the embedded database, stop `npm start` first (PGlite
 * allows one process at a time).
 */
import { readFile } from 'node:fs/promises';
import { openSubgraphDatabase, runMigrations } from '@commonroom/db';
import { importSchoolList, MIGRATIONS_DIR } from './server.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run import:schools -- FILE.csv');
  process.exit(2);
}
const handle = await openSubgraphDatabase('schools');
try {
  await runMigrations(handle, 'schools', MIGRATIONS_DIR);
  const result = await importSchoolList(handle.db, await readFile(file, 'utf8'));
  if (!result.ok) {
    console.error(`${file} was not imported; nothing was written. ${result.errors.length} problem(s):`);
    for (const e of result.errors) console.error(`  line ${e.line}: ${e.message}`);
    process.exitCode = 1;
  } else {
    console.log(
      `${file}: ${result.inserted} added, ${result.updated} updated, ${result.unchanged} unchanged`,
    );
  }
} finally {
  await handle.close();
}

/**
 * `npm run -w @commonroom/progress import -- FILE.csv`: imports assessments keyed by UPN
 * (`upn,subject,scale,grade,assessed_on[,kind]`). Rejects the whole file, listing every bad line, if any
 * line is bad; importing the same file twice changes nothing. On the embedded database, stop `npm start`
 * first (PGlite allows one process at a time).
 */
import { readFile } from 'node:fs/promises';
import { openSubgraphDatabase, runMigrations } from '@commonroom/db';
import { importAssessments, MIGRATIONS_DIR } from './server.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run -w @commonroom/progress import -- FILE.csv');
  process.exit(2);
}
const handle = await openSubgraphDatabase('progress');
try {
  await runMigrations(handle, 'progress', MIGRATIONS_DIR);
  const result = await importAssessments(handle.db, await readFile(file, 'utf8'));
  if (!result.ok) {
    console.error(`${file} was not imported; nothing was written. ${result.errors.length} problem(s):`);
    for (const e of result.errors) console.error(`  line ${e.line}: ${e.message}`);
    process.exitCode = 1;
  } else {
    console.log(
      `${file}: ${result.inserted} added, ${result.unchanged} already there; results recomputed for ${result.pupilsUpdated} pupil(s)`,
    );
  }
} finally {
  await handle.close();
}

/**
 * `npm run import:ctf -- FILE.xml [FILE.xml …]`: imports Common Transfer Files into progress, each file all or
 * nothing (docs/data-in.md), then delivers the carers they name to the parents subgraph (carer-handoffs.ts).
 * With no file, it only delivers the carers still waiting. A rejected file lists every problem by element path and writes nothing; the command goes on with the next
 * file and exits 1 at the end if any was rejected. Progress (files, pupils, rate, time left) goes to stderr,
 * the summary to stdout. On the embedded database, stop `npm start` first (PGlite allows one process at a time).
 */
import { readFile, stat } from 'node:fs/promises';
import { openSubgraphDatabase, runMigrations } from '@commonroom/db';
import { MIGRATIONS_DIR as PARENTS_MIGRATIONS } from '@commonroom/parents';
import { MIGRATIONS_DIR as PROGRESS_MIGRATIONS } from '@commonroom/progress';
import { describeCtfError, importCtf } from '@commonroom/progress/ctf';
import { deliverCarerHandoffs } from './carer-handoffs.ts';
import { ctfProgress } from './import-progress.ts';

// With no file, it only delivers carers still waiting (from files imported through the mutation).
const files = process.argv.slice(2);
if (files.some((f) => f.startsWith('-'))) {
  console.error('usage: npm run import:ctf -- [FILE.xml …]');
  process.exit(2);
}
const progress = await openSubgraphDatabase('progress');
const parents = await openSubgraphDatabase('parents');
const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
const meter = ctfProgress(sizes, (line) => process.stderr.write(line));
try {
  await runMigrations(progress, 'progress', PROGRESS_MIGRATIONS);
  await runMigrations(parents, 'parents', PARENTS_MIGRATIONS);
  for (const file of files) {
    const result = await importCtf(progress.db, await readFile(file, 'utf8'));
    if (!result.ok) {
      meter.rejected(file);
      console.error(`${file} was not imported; nothing was written. ${result.errors.length} problem(s):`);
      for (const e of result.errors) console.error(`  ${describeCtfError(e)}`);
      continue;
    }
    meter.imported(file, result);
  }
  const carers = await deliverCarerHandoffs({ progress: progress.db, parents: parents.db });
  console.log(meter.summary());
  console.log(
    `carers: ${carers.pupils} pupils' carers handed to parents, ${carers.carersAdded} carers added, ` +
      `${carers.linksWritten} links written, ${carers.linksRemoved} removed`,
  );
  if (meter.totals.rejected > 0) process.exitCode = 1;
} finally {
  await progress.close();
  await parents.close();
}

/**
 * `npm run import:gias -- edubasealldata.csv [--groups allgroupsdata.csv] [--links alllinksdata.csv]`: imports
 * GIAS extracts into the schools directory (docs/data-in.md). All or nothing: any problem in any file is listed
 * with its file, line and column, and nothing is written (exit 1).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openSubgraphDatabase, runMigrations } from '@commonroom/db';
import { MIGRATIONS_DIR } from '../server.ts';
import { type GiasFiles, importGias } from './import.ts';
import { decodeGias, describeGiasError } from './parse.ts';

const { values, positionals } = parseArgs({
  options: { groups: { type: 'string' }, links: { type: 'string' } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error(
    'usage: npm run import:gias -- edubasealldata.csv [--groups allgroupsdata.csv] [--links alllinksdata.csv]',
  );
  process.exit(2);
}
const read = async (path: string) => ({ name: basename(path), text: decodeGias(await readFile(path)) });
const files: GiasFiles = {
  establishments: await read(positionals[0] as string),
  ...(values.groups ? { groups: await read(values.groups) } : {}),
  ...(values.links ? { links: await read(values.links) } : {}),
};

const handle = await openSubgraphDatabase('schools');
try {
  await runMigrations(handle, 'schools', MIGRATIONS_DIR);
  const started = Date.now();
  const result = await importGias(handle.db, files);
  if (!result.ok) {
    console.error(`GIAS files were not imported; nothing was written. ${result.errors.length} problem(s):`);
    for (const e of result.errors) console.error(`  ${describeGiasError(e)}`);
    process.exitCode = 1;
  } else {
    console.log(
      `${files.establishments.name}: ${result.inserted} added, ${result.updated} updated, ${result.unchanged} unchanged, ` +
        `${result.skipped} skipped (not a type the directory holds), ${result.closed} closed; ` +
        `${result.trustsWritten} trusts written, ${result.demoTrustsRemoved} demo trusts removed ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
} finally {
  await handle.close();
}

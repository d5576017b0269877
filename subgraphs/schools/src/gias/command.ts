/**
 * `npm run import:gias -- edubasealldata.csv [--groups allgroupsdata.csv] [--links alllinksdata.csv]`: imports
 * GIAS extracts into the schools directory (docs/data-in.md). All or nothing: any problem in any file is listed
 * with its file, line and column, and nothing is written (exit 1).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openSubgraphDatabase, runMigrations } from '@commonroom/db';
import { MIGRATIONS_DIR } from '../server.ts';
import { DIRECTORY_COPIES, updateDirectoryCopy } from './directory-copies.ts';
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
    // The other subgraphs' read-only copies follow, each in its own database and transaction, after the
    // directory's: running the command again brings a copy that failed into line (nothing else changes).
    for (const copy of DIRECTORY_COPIES) {
      const other = await openSubgraphDatabase(copy.subgraph);
      try {
        await runMigrations(
          other,
          copy.subgraph,
          fileURLToPath(new URL(`../../../${copy.subgraph}/migrations`, import.meta.url)),
        );
        const changed = await other.db.transaction((tx) => updateDirectoryCopy(tx, copy, result.directory));
        console.log(`  ${copy.subgraph}: ${changed} school(s) of its directory copy changed`);
      } finally {
        await other.close();
      }
    }
  }
} finally {
  await handle.close();
}

import { readFile } from 'node:fs/promises';
import { type Db, openSubgraphDatabase, runMigrations } from '@commonroom/db';

/** What an all-or-nothing file import returns: every bad line, or a summary of what it wrote. */
export type ImportOutcome<Summary> =
  | ({ ok: true } & Summary)
  | { ok: false; errors: { line: number; message: string }[] };

/**
 * The body of a subgraph's import command: open and migrate its database, import the file named on the
 * command line, print every bad line (exit 1, nothing written) or the summary. On the embedded database,
 * stop `npm start` first: PGlite allows one process at a time.
 */
export async function runImportCommand<Summary>(options: {
  subgraph: string;
  migrationsDir: string;
  usage: string;
  importFile(db: Db, text: string): Promise<ImportOutcome<Summary>>;
  describe(summary: Summary): string;
}) {
  const file = process.argv[2];
  if (!file) {
    console.error(`usage: ${options.usage}`);
    process.exit(2);
  }
  const handle = await openSubgraphDatabase(options.subgraph);
  try {
    await runMigrations(handle, options.subgraph, options.migrationsDir);
    const result = await options.importFile(handle.db, await readFile(file, 'utf8'));
    if (!result.ok) {
      console.error(`${file} was not imported; nothing was written. ${result.errors.length} problem(s):`);
      for (const e of result.errors) console.error(`  line ${e.line}: ${e.message}`);
      process.exitCode = 1;
    } else {
      console.log(`${file}: ${options.describe(result)}`);
    }
  } finally {
    await handle.close();
  }
}

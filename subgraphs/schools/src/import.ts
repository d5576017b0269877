/**
 * `npm run import:schools -- FILE.csv`: upserts a school list in the DfE CSV format by URN. Rejects the whole
 * file, listing every bad line, if any row is bad.
 */
import { runImportCommand } from '@commonroom/subgraph-kit';
import { importSchoolList, MIGRATIONS_DIR } from './server.ts';

await runImportCommand({
  subgraph: 'schools',
  migrationsDir: MIGRATIONS_DIR,
  usage: 'npm run import:schools -- FILE.csv',
  importFile: importSchoolList,
  describe: (r) => `${r.inserted} added, ${r.updated} updated, ${r.unchanged} unchanged`,
});

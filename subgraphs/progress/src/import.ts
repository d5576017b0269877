/**
 * `npm run -w @commonroom/progress import -- FILE.csv`: imports assessments keyed by UPN
 * (`upn,subject,scale,grade,assessed_on[,kind]`). Rejects the whole file, listing every bad line, if any
 * line is bad; importing the same file twice changes nothing.
 */
import { runImportCommand } from '@commonroom/subgraph-kit';
import { importAssessments, MIGRATIONS_DIR } from './server.ts';

await runImportCommand({
  subgraph: 'progress',
  migrationsDir: MIGRATIONS_DIR,
  usage: 'npm run -w @commonroom/progress import -- FILE.csv',
  importFile: importAssessments,
  describe: (r) =>
    `${r.inserted} added, ${r.unchanged} already there; results recomputed for ${r.pupilsUpdated} pupil(s)`,
});

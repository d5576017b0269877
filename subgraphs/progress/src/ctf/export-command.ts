/**
 * `npm run export:ctf -- --urn URN [--pupil ID …] --to LLLEEEE [--out DIR]`: writes a Common Transfer File for
 * pupils leaving a school (all its pupils on roll without --pupil), named as the spec says, into DIR (default
 * the current folder). On the embedded database, stop `npm start` first.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSubgraphDatabase, runMigrations } from '@commonroom/db';
import { MIGRATIONS_DIR } from '../server.ts';
import { CtfExportError, exportCtf } from './export.ts';

const { values } = parseArgs({
  options: {
    urn: { type: 'string' },
    pupil: { type: 'string', multiple: true },
    to: { type: 'string' },
    out: { type: 'string', default: '.' },
  },
});
if (!values.urn || !/^\d{6}$/.test(values.urn) || !values.to) {
  console.error('usage: npm run export:ctf -- --urn URN [--pupil ID …] --to LLLEEEE [--out DIR]');
  process.exit(2);
}
const handle = await openSubgraphDatabase('progress');
try {
  await runMigrations(handle, 'progress', MIGRATIONS_DIR);
  const file = await exportCtf(handle.db, { urn: Number(values.urn), pupilIds: values.pupil, to: values.to });
  const path = join(values.out, file.fileName);
  await writeFile(path, file.xml, 'utf8');
  console.log(`${path}: ${file.pupils} pupil(s)`);
} catch (error) {
  if (!(error instanceof CtfExportError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await handle.close();
}

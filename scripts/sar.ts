/**
 * `npm run -s sar -- --pupil ID [--out FILE] [--token JWT | --trust ID | --la CODE] [--url GATEWAY]`: a subject
 * access export of one pupil, through the gateway as the DPO of the pupil's trust (or of the LA of a school in no
 * trust), written to FILE (default `sar-<pupil>.json`). Everyone but that DPO is refused; the export is recorded in the audit trail.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { askGateway, SUBJECT_ACCESS_QUERY } from './data-subject.ts';

try {
  const { values } = parseArgs({
    options: {
      pupil: { type: 'string' },
      out: { type: 'string' },
      token: { type: 'string' },
      trust: { type: 'string' },
      la: { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (!values.pupil) throw new Error('--pupil is required');
  const data = await askGateway<{ subjectAccessExport: unknown }>(values, SUBJECT_ACCESS_QUERY, {
    pupilId: values.pupil,
  });
  const file = values.out ?? `sar-${values.pupil}.json`;
  await writeFile(file, `${JSON.stringify(data.subjectAccessExport, null, 2)}\n`);
  console.log(file);
} catch (error) {
  console.error(`sar: ${(error as Error).message}`);
  console.error(
    'usage: npm run -s sar -- --pupil ID [--out FILE] [--token JWT | --trust ID | --la CODE] [--url GATEWAY]',
  );
  process.exit(1);
}

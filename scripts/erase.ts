/**
 * `npm run erase -- --pupil ID [--token JWT | --trust ID | --la CODE] [--url GATEWAY]`: erases one pupil's
 * personal data in every subgraph that holds it (schema/subgraphs.ts: progress, then parents), through the
 * gateway as the DPO of the pupil's trust (or, for a school in no trust, of its LA). Each subgraph erases in one
 * transaction and keeps a tombstone and its audit trail; running it again changes nothing and says so.
 */
import { parseArgs } from 'node:util';
import { askGateway, ERASE_MUTATION } from './data-subject.ts';

interface Receipt {
  subgraph: string;
  erasedAt: string;
  alreadyErased: boolean;
  rowsErased: number;
}

try {
  const { values } = parseArgs({
    options: {
      pupil: { type: 'string' },
      token: { type: 'string' },
      trust: { type: 'string' },
      la: { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (!values.pupil) throw new Error('--pupil is required');
  const data = await askGateway<Record<string, Receipt>>(values, ERASE_MUTATION, { pupilId: values.pupil });
  for (const r of Object.values(data)) {
    console.log(
      `${r.subgraph}: ${r.alreadyErased ? 'already erased' : 'erased'} ${r.erasedAt} (${r.rowsErased} rows erased by this call)`,
    );
  }
} catch (error) {
  console.error(`erase: ${(error as Error).message}`);
  console.error('usage: npm run erase -- --pupil ID [--token JWT | --trust ID | --la CODE] [--url GATEWAY]');
  process.exit(1);
}

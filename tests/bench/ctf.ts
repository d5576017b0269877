import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openDatabase, runMigrations } from '@commonroom/db';
import { loadSchoolDirectory, MIGRATIONS_DIR } from '@commonroom/progress';
import { importCtf } from '@commonroom/progress/ctf';
import { englandSchoolList } from '@commonroom/school-list';
import { LARGE_TRUST } from './prepare.ts';

/**
 * `npm run bench -- --scale ctf [--ctf-pupils 1500] [--ctf-schools 50] [--ctf-per-school 300]`: Common Transfer
 * File imports on the embedded database (in memory), measured, not asserted: one file of `--ctf-pupils` pupils
 * (a large secondary's intake) imported into an empty database and again (all unchanged), then one file for
 * each of `--ctf-schools` schools of the largest trust with `--ctf-per-school` pupils each. Every pupil is the
 * demo file's first pupil (data/ctf: full record — history, attendance, FSM, SEN, contacts, six key-stage
 * results) under a new valid UPN and name, so the files are as heavy as real ones.
 */
const TEMPLATE = readFileSync(new URL('../../data/ctf/8575404_CTF_8575406_001.xml', import.meta.url), 'utf8');
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

function upn(serial: number): string {
  const body = `857${String(serial).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i + 2);
  return `${UPN_LETTERS[sum % 23]}${body}`;
}

/** A file of `pupils` pupils (serials from `first`) to the school `urn`. */
export function benchCtf(urn: number, first: number, pupils: number): string {
  const pupil = /<Pupil>[\s\S]*?<\/Pupil>/.exec(TEMPLATE)?.[0] ?? '';
  const body = Array.from({ length: pupils }, (_, i) =>
    pupil
      .replace(/<UPN>[^<]*<\/UPN>/, `<UPN>${upn(first + i)}</UPN>`)
      .replace(/<FormerUPN>[^<]*<\/FormerUPN>/g, '')
      .replace(/<Forename>([^<]*)<\/Forename>/, `<Forename>$1${first + i}</Forename>`),
  ).join('\n');
  return TEMPLATE.replace(
    /<CTFpupilData>[\s\S]*<\/CTFpupilData>/,
    `<CTFpupilData>${body}</CTFpupilData>`,
  ).replace(/(<DestSchool>[\s\S]*?<URN>)\d+(<\/URN>)/, `$1${urn}$2`);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

export async function runCtfBench(options: {
  pupils: number;
  schools: number;
  perSchool: number;
  resultsFile: string;
}) {
  const handle = await openDatabase({ dataDir: 'memory' });
  await runMigrations(handle, 'progress', MIGRATIONS_DIR);
  await loadSchoolDirectory(handle.db);
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  say(
    `CTF import on embedded PGlite (in memory), ${new Date().toISOString()}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const big = benchCtf(136530, 1, options.pupils);
  const [first, s1] = await timed(() => importCtf(handle.db, big));
  if (!first.ok) throw new Error(JSON.stringify(first.errors.slice(0, 3)));
  say(
    `- one file, ${options.pupils} pupils (${(big.length / 1e6).toFixed(1)} MB): ${s1.toFixed(1)} s (${first.inserted} inserted, ${first.resultsWritten} results)`,
  );
  const [again, s2] = await timed(() => importCtf(handle.db, big));
  if (!again.ok) throw new Error('second import rejected');
  say(`- the same file again: ${s2.toFixed(1)} s (${again.unchanged} unchanged)`);
  const { trusts } = englandSchoolList();
  const urns = (trusts.find((t) => t.id === LARGE_TRUST)?.urns ?? []).slice(0, options.schools);
  const [total, s3] = await timed(async () => {
    let pupils = 0;
    for (const [i, urn] of urns.entries()) {
      const result = await importCtf(
        handle.db,
        benchCtf(urn, 100_000 + i * options.perSchool, options.perSchool),
      );
      if (!result.ok) throw new Error(`school ${urn} rejected`);
      pupils += result.inserted;
    }
    return pupils;
  });
  say(
    `- ${urns.length} schools of trust ${LARGE_TRUST}, ${options.perSchool} pupils each: ${s3.toFixed(1)} s (${total} pupils, ${Math.round(total / s3)}/s)`,
  );
  await handle.close();
  writeFileSync(options.resultsFile, `${lines.join('\n')}\n`);
}

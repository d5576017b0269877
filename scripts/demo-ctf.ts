/**
 * `npm run demo:ctf -- --urn URN --out DIR [--to LLLEEEE] [--seed N]`: writes the demo generator's pupils on roll
 * at a school as Common Transfer Files that `npm run import:ctf` accepts — one file per year group, each pupil
 * with their identity, groups, FSM and SEN history, attendance for every year on roll, key-stage results and
 * their carers as contacts (order = primary contact first, parental responsibility, mobile, email, and the
 * carer's language when not English). The destination is the school itself unless `--to` names another. It
 * works in a database of its own in memory, so it runs beside `npm start`. A newcomer can try the import on
 * realistic files; tests use them (tests/e2e/demo-ctf.test.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, queryRows, runMigrations } from '@commonroom/db';
import { type DemoRelationship, demoCarers, demoPupils } from '@commonroom/demo';
import { generateProgressData, MIGRATIONS_DIR } from '@commonroom/progress';
import { CtfExportError, type ExportContact, exportCtf, languageCodeOf } from '@commonroom/progress/ctf';
import { englandSchoolList, seededRandom } from '@commonroom/school-list';
import { sql } from 'drizzle-orm';

/** Our relationships as CTF codes (`relationships.csv`); a grandparent is "other family member". */
const RELATIONSHIP_CODE: Record<DemoRelationship, string> = {
  MOTHER: 'PAM',
  FATHER: 'PAF',
  STEP_PARENT: 'STF',
  GRANDPARENT: 'FAM',
  GUARDIAN: 'CAR',
  FOSTER_CARER: 'FOF',
  OTHER: 'REL',
};

export interface DemoCtfFile {
  path: string;
  pupils: number;
}

export async function writeDemoCtf(options: {
  urn: number;
  out: string;
  to?: string;
  seed?: number;
  now?: Date;
}): Promise<DemoCtfFile[]> {
  const school = englandSchoolList().schools.find((s) => s.urn === options.urn);
  if (!school) throw new CtfExportError(`no school with URN ${options.urn} in the school list`);
  const seed = options.seed ?? 1;
  const handle = await openDatabase({ dataDir: 'memory' });
  try {
    await runMigrations(handle, 'progress', MIGRATIONS_DIR);
    await generateProgressData(handle.db, { urns: [options.urn], seed });
    const pupils = await queryRows<{
      id: string;
      year_group: number;
      on_roll_from: number;
      on_roll_to: number;
    }>(
      handle.db,
      sql`select id, on_roll_to - reception_year as year_group, on_roll_from, on_roll_to from progress.pupils
          where urn = ${options.urn}
            and on_roll_to = (select max(on_roll_to) from progress.pupils where urn = ${options.urn})
          order by id`,
    );
    await handle.db.execute(
      sql`insert into progress.pupil_attendance (pupil_id, academic_year, lea, estab, sessions_possible,
            sessions_attended, sessions_authorised, sessions_unauthorised)
          select pupil_id, academic_year, lea, estab, 380, 380 - authorised - unauthorised, authorised, unauthorised
          from json_to_recordset(${JSON.stringify(demoAttendance(pupils, school.laCode, school.estab))}::json)
            as x(pupil_id text, academic_year int, lea text, estab text, authorised int, unauthorised int)`,
    );
    const current = new Set(pupils.map((p) => p.id));
    const { carers, links } = demoCarers(
      school,
      demoPupils(school, seed).filter((p) => current.has(p.id)),
    );
    const carerOf = new Map(carers.map((c) => [c.id, c]));
    // Each pupil's carers, the primary contact first (order 1), then the others in the generator's order.
    const contacts = new Map<string, ExportContact[]>();
    const byPriority = [...links].sort((a, b) => Number(b.primaryContact) - Number(a.primaryContact));
    for (const link of byPriority) {
      const carer = carerOf.get(link.carerId);
      if (!carer) continue;
      const list = contacts.get(link.pupilId) ?? [];
      list.push({
        order: list.length + 1,
        surname: carer.familyName,
        forename: carer.givenName,
        relationship: RELATIONSHIP_CODE[link.relationship],
        parentalResponsibility: link.parentalResponsibility,
        email: carer.email,
        mobile: carer.phone,
        language: languageCodeOf(carer.preferredLanguage),
      });
      contacts.set(link.pupilId, list);
    }
    await mkdir(options.out, { recursive: true });
    const to = options.to ?? `${school.laCode}${String(school.estab).padStart(4, '0')}`;
    const years = [...new Set(pupils.map((p) => Number(p.year_group)))].sort((a, b) => a - b);
    const files: DemoCtfFile[] = [];
    for (const [i, year] of years.entries()) {
      const file = await exportCtf(handle.db, {
        urn: options.urn,
        to,
        pupilIds: pupils.filter((p) => Number(p.year_group) === year).map((p) => p.id),
        contacts,
        fileNumber: i + 1,
        now: options.now,
      });
      const path = join(options.out, file.fileName);
      await writeFile(path, file.xml, 'utf8');
      files.push({ path, pupils: file.pupils });
    }
    return files;
  } finally {
    await handle.close();
  }
}

/** Sessions for every year on roll: 380 possible, about 95% attended, deterministic for the pupil. */
function demoAttendance(
  pupils: { id: string; on_roll_from: number; on_roll_to: number }[],
  lea: string | number,
  estab: number,
) {
  return pupils.flatMap((p) => {
    const random = seededRandom([...p.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    const years = [];
    for (let year = Number(p.on_roll_from); year <= Number(p.on_roll_to); year++) {
      const absent = Math.floor(random() * random() * 60);
      const unauthorised = Math.floor(absent * random() * 0.4);
      years.push({
        pupil_id: p.id,
        academic_year: year,
        lea: String(lea),
        estab: String(estab).padStart(4, '0'),
        authorised: absent - unauthorised,
        unauthorised,
      });
    }
    return years;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      urn: { type: 'string' },
      out: { type: 'string' },
      to: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (!values.urn || !/^\d{6}$/.test(values.urn) || !values.out) {
    console.error('usage: npm run demo:ctf -- --urn URN --out DIR [--to LLLEEEE] [--seed N]');
    process.exit(2);
  }
  try {
    const files = await writeDemoCtf({
      urn: Number(values.urn),
      out: values.out,
      to: values.to,
      seed: values.seed ? Number(values.seed) : undefined,
    });
    for (const f of files) console.log(`${f.path}: ${f.pupils} pupil(s)`);
  } catch (error) {
    if (!(error instanceof CtfExportError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

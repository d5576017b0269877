import { createHash, randomUUID } from 'node:crypto';
import { type Db, queryRows } from '@commonroom/db';
import { type SQL, sql } from 'drizzle-orm';
import { COLUMNS, insertJson } from '../data/bulk.ts';
import { recomputeResults } from '../data/results.ts';
import { todayIso } from '../rules/dates.ts';
import { type CtfContact, type CtfError, type CtfFile, type CtfPupil, parseCtf } from './parse.ts';

export interface CtfSummary {
  urn: number;
  /** Pupils new to Commonroom. */
  inserted: number;
  /** Pupils already known whose record the file changed (moved pupils included). */
  updated: number;
  unchanged: number;
  /** Pupils who came from another school in Commonroom: one record, now at this school. */
  moved: number;
  /** Key-stage results written or changed. */
  resultsWritten: number;
  /** Every pupil the file named, for the audit trail. */
  pupilIds: string[];
}

export type CtfImportResult = ({ ok: true } & CtfSummary) | { ok: false; errors: CtfError[] };

type StoredPupil = {
  id: string;
  upn: string;
  urn: number;
  on_roll_from: number;
  on_roll_to: number;
};

/** The pupil columns a CTF writes: those of the bulk loader, less the learning guide (a school's own choice). */
const PUPIL_COLUMNS: Record<string, string> = Object.fromEntries(
  Object.entries(COLUMNS['progress.pupils']).filter(([column]) => column !== 'learning_guide_id'),
);

/** `on conflict (key) do update` of the given columns, only where one differs: an unchanged row is not touched. */
function upsertChanged(key: string[], columns: string[]): SQL {
  const set = columns.map((c) => `"${c}" = excluded."${c}"`).join(', ');
  const changed = columns.map((c) => `t."${c}" is distinct from excluded."${c}"`).join(' or ');
  return sql.raw(`on conflict (${key.join(', ')}) do update set ${set} where ${changed}`);
}

/** Reception year from the NC year in the file's academic year, else from the date of birth (born Sep–Aug). */
function receptionYearOf(p: CtfPupil, academicYear: number): number {
  if (p.ncYear !== null) return academicYear - p.ncYear;
  const born = Number(p.dateOfBirth.slice(0, 4));
  return Number(p.dateOfBirth.slice(5, 7)) >= 9 ? born + 5 : born + 4;
}

/** The URN of the school the pupil was at on a date, from their history; else the file's source or destination. */
function urnOn(p: CtfPupil, date: string, file: CtfFile): number {
  const at = p.schools.find(
    (s) => s.urn !== null && (s.entryDate ?? '') <= date && (s.leavingDate === null || s.leavingDate >= date),
  );
  return at?.urn ?? file.source.urn ?? file.dest.urn;
}

/**
 * Imports a Common Transfer File into the destination school in its header, in one transaction: pupils
 * upserted by UPN (a temporary UPN replaced through FormerUPN), their groups from the raw codes, attendance,
 * school history and key-stage results as statutory and teacher assessments on their scales. A pupil already
 * at another school moves here and keeps one record: their past results stay with the school they were at.
 * Any problem — malformed XML, an unsupported version, a destination the caller may not write (`onlyUrn`), a
 * wrong check letter, a missing element, a duplicate UPN, a future date of birth, an unknown code or a grade
 * off its scale — rejects the whole file, every problem listed by element path, and nothing is written. A row
 * equal to what is stored is not touched, so importing the same file twice changes nothing.
 */
export async function importCtf(
  db: Db,
  xml: string,
  options: { onlyUrn?: number; today?: string } = {},
): Promise<CtfImportResult> {
  const today = options.today ?? todayIso();
  const { file, errors } = parseCtf(xml, today);
  if (!file) return { ok: false, errors };

  const [dest] = await queryRows<{ urn: number }>(
    db,
    sql`select urn from progress.school_directory where urn = ${file.dest.urn}`,
  );
  if (!dest)
    errors.push({
      path: 'Header/DestSchool/URN',
      code: 'UNKNOWN_SCHOOL',
      message: `no school with URN ${file.dest.urn}`,
    });
  else if (options.onlyUrn !== undefined && options.onlyUrn !== file.dest.urn)
    errors.push({
      path: 'Header/DestSchool/URN',
      code: 'FORBIDDEN',
      message: `you may import only into your own school (${options.onlyUrn}), not ${file.dest.urn}`,
    });

  const grades = await queryRows<{ scale_id: string; grade: string; points: number }>(
    db,
    sql`select scale_id, grade, points from progress.scale_grades`,
  );
  const pointsOf = new Map(grades.map((g) => [`${g.scale_id}|${g.grade}`, Number(g.points)]));
  for (const p of file.pupils)
    for (const r of p.results)
      if (!pointsOf.has(`${r.scaleId}|${r.grade}`))
        errors.push({
          path: r.path,
          code: 'UNKNOWN_CODE',
          message: `"${r.grade}" is not a result on ${r.scaleId}`,
        });

  const upns = [...new Set(file.pupils.flatMap((p) => [p.upn, ...p.formerUpns]))];
  const stored = await queryRows<StoredPupil>(
    db,
    sql`select id, upn, urn, on_roll_from, on_roll_to from progress.pupils
        where upn in (${sql.join(
          upns.map((u) => sql`${u}`),
          sql`, `,
        )})`,
  );
  const byUpn = new Map(stored.map((s) => [s.upn, s]));
  const existingOf = new Map<CtfPupil, StoredPupil | undefined>();
  for (const p of file.pupils) {
    const current = byUpn.get(p.upn);
    const former = p.formerUpns.map((u) => byUpn.get(u)).find((s) => s !== undefined);
    if (current && former && current.id !== former.id)
      errors.push({
        path: `Pupil[${p.position}]/BasicDetails/FormerUPN`,
        code: 'DUPLICATE',
        message: `${p.upn} and its former UPN ${former.upn} are two different pupils already`,
      });
    existingOf.set(p, current ?? former);
  }
  if (errors.length > 0) return { ok: false, errors };

  const urn = file.dest.urn;
  const year = file.academicYear;
  const rows = file.pupils.map((p) => {
    const existing = existingOf.get(p);
    const stays = existing?.urn === urn;
    return {
      pupil: p,
      existing,
      moved: existing !== undefined && !stays,
      row: {
        id: existing?.id ?? `P${urn}-${randomUUID()}`,
        urn,
        upn: p.upn,
        given_name: p.forename,
        family_name: p.surname,
        date_of_birth: p.dateOfBirth,
        sex: p.sex,
        ethnicity: p.ethnicity,
        sen: p.senProvision,
        eal: p.eal,
        looked_after: p.lookedAfter,
        disadvantaged: isDisadvantaged(p, file.writtenOn),
        reception_year: receptionYearOf(p, year),
        on_roll_from: stays && existing ? Math.min(existing.on_roll_from, year) : year,
        on_roll_to: stays && existing ? Math.max(existing.on_roll_to, year) : year,
      },
    };
  });

  return db.transaction(async (tx) => {
    const names = Object.keys(PUPIL_COLUMNS);
    const written = await queryRows<{ id: string; inserted: boolean }>(
      tx,
      sql`insert into progress.pupils as t (${sql.raw(names.join(', '))})
          select ${sql.raw(names.join(', '))}
          from json_to_recordset(${JSON.stringify(rows.map((r) => r.row))}::json)
            as x(${sql.raw(
              Object.entries(PUPIL_COLUMNS)
                .map(([c, type]) => `${c} ${type}`)
                .join(', '),
            )})
          ${upsertChanged(
            ['id'],
            names.filter((c) => c !== 'id'),
          )}
          returning id, (xmax = 0) as inserted`,
    );
    const ids = rows.map((r) => r.row.id);
    await insertJson(
      tx,
      'progress.pupil_characteristics as t',
      {
        pupil_id: 'text',
        ethnicity_code: 'text',
        first_language: 'text',
        nc_year: 'smallint',
        sen_needs: 'text[]',
        fsm_periods: 'jsonb',
        former_upns: 'text[]',
      },
      rows.map(({ pupil: p, row }) => ({
        pupil_id: row.id,
        ethnicity_code: p.ethnicityCode,
        first_language: p.firstLanguage,
        nc_year: p.ncYear,
        sen_needs: p.senNeeds,
        fsm_periods: p.fsmPeriods,
        former_upns: p.formerUpns,
      })),
      upsertChanged(
        ['pupil_id'],
        ['ethnicity_code', 'first_language', 'nc_year', 'sen_needs', 'fsm_periods', 'former_upns'],
      ),
    );
    await insertJson(
      tx,
      'progress.pupil_attendance as t',
      {
        pupil_id: 'text',
        academic_year: 'smallint',
        lea: 'text',
        estab: 'text',
        sessions_possible: 'integer',
        sessions_attended: 'integer',
        sessions_authorised: 'integer',
        sessions_unauthorised: 'integer',
      },
      rows.flatMap(({ pupil: p, row }) =>
        p.attendance.map((a) => ({
          pupil_id: row.id,
          academic_year: a.year,
          lea: a.lea ?? '',
          estab: a.estab ?? '',
          sessions_possible: a.possible,
          sessions_attended: a.attended,
          sessions_authorised: a.authorised,
          sessions_unauthorised: a.unauthorised,
        })),
      ),
      upsertChanged(
        ['pupil_id', 'academic_year', 'lea', 'estab'],
        ['sessions_possible', 'sessions_attended', 'sessions_authorised', 'sessions_unauthorised'],
      ),
    );
    // The school history is the latest file's: positions beyond it go.
    await insertJson(
      tx,
      'progress.pupil_school_history as t',
      {
        pupil_id: 'text',
        position: 'smallint',
        lea: 'text',
        estab: 'text',
        urn: 'integer',
        school_name: 'text',
        entry_date: 'date',
        leaving_date: 'date',
        leaving_reason: 'text',
      },
      rows.flatMap(({ pupil: p, row }) =>
        p.schools.map((s, i) => ({
          pupil_id: row.id,
          position: i + 1,
          lea: s.lea,
          estab: s.estab,
          urn: s.urn,
          school_name: s.name,
          entry_date: s.entryDate,
          leaving_date: s.leavingDate,
          leaving_reason: s.leavingReason,
        })),
      ),
      upsertChanged(
        ['pupil_id', 'position'],
        ['lea', 'estab', 'urn', 'school_name', 'entry_date', 'leaving_date', 'leaving_reason'],
      ),
    );
    const histories = rows
      .filter((r) => r.pupil.schools.length > 0)
      .map((r) => ({ pupil_id: r.row.id, n: r.pupil.schools.length }));
    if (histories.length > 0)
      await tx.execute(
        sql`delete from progress.pupil_school_history h
            using json_to_recordset(${JSON.stringify(histories)}::json) as x(pupil_id text, n int)
            where h.pupil_id = x.pupil_id and h.position > x.n`,
      );

    const resultsWritten = await insertJson(
      tx,
      'progress.assessments as t',
      COLUMNS['progress.assessments'],
      rows.flatMap(({ pupil: p, row }) =>
        p.results.map((r) => {
          // Key-stage results are summer results: dated 1 July of the year taken (academic year = year − 1).
          const assessedOn = `${r.year}-07-01`;
          return {
            pupil_id: row.id,
            urn: urnOn(p, assessedOn, file),
            subject: r.subject,
            kind: r.kind,
            assessed_on: assessedOn,
            academic_year: r.year - 1,
            term: 3,
            year_group: r.yearGroup,
            scale_id: r.scaleId,
            grade: r.grade,
            points: pointsOf.get(`${r.scaleId}|${r.grade}`),
          };
        }),
      ),
      upsertChanged(['pupil_id', 'subject', 'kind', 'assessed_on'], ['scale_id', 'grade', 'points']),
    );

    await handOffCarers(
      tx,
      rows.map(({ pupil, row }) => ({ pupil, pupilId: row.id, urn })),
    );
    await recordMoves(tx, rows, file);
    await handOffFormerSchools(
      tx,
      rows.map(({ row }) => row.id),
    );

    const writtenIds = new Set(written.map((w) => w.id));
    const inserted = written.filter((w) => w.inserted).length;
    // Results (and so summaries) follow a changed record; each year stays at the school it was assessed at.
    await recomputeResults(
      tx,
      rows.filter((r) => writtenIds.has(r.row.id) && r.existing).map((r) => r.row.id),
    );
    return {
      ok: true as const,
      urn,
      inserted,
      updated: written.length - inserted,
      unchanged: rows.length - written.length,
      moved: rows.filter((r) => r.moved).length,
      resultsWritten,
      pupilIds: ids,
    };
  });
}

/**
 * A pupil who moved here from another school in Commonroom: the school they left keeps access until the
 * leaving date its entry in the file's history gives, else the date the file was written. A later file that
 * gives (or changes) that school's leaving date updates it.
 */
async function recordMoves(
  tx: Db,
  rows: { pupil: CtfPupil; existing: StoredPupil | undefined; moved: boolean; row: { id: string } }[],
  file: CtfFile,
) {
  const moves = rows
    .filter((r) => r.moved && r.existing)
    .map((r) => ({
      pupil_id: r.row.id,
      from_urn: r.existing?.urn,
      to_urn: file.dest.urn,
      leaving_date: r.pupil.schools.find((s) => s.urn === r.existing?.urn)?.leavingDate ?? file.writtenOn,
    }));
  await insertJson(
    tx,
    'progress.pupil_moves as t',
    { pupil_id: 'text', from_urn: 'integer', to_urn: 'integer', leaving_date: 'date' },
    moves,
    sql`on conflict (pupil_id, from_urn) do update set to_urn = excluded.to_urn, leaving_date = excluded.leaving_date
        where (t.to_urn, t.leaving_date) is distinct from (excluded.to_urn, excluded.leaving_date)`,
  );
  const dated = rows.flatMap((r) =>
    r.pupil.schools.flatMap((s) =>
      s.urn !== null && s.leavingDate
        ? [{ pupil_id: r.row.id, urn: s.urn, leaving_date: s.leavingDate }]
        : [],
    ),
  );
  if (dated.length > 0)
    await tx.execute(
      sql`update progress.pupil_moves m set leaving_date = x.leaving_date
          from json_to_recordset(${JSON.stringify(dated)}::json) as x(pupil_id text, urn int, leaving_date date)
          where m.pupil_id = x.pupil_id and m.from_urn = x.urn and m.leaving_date <> x.leaving_date`,
    );
}

/**
 * Puts each pupil's former schools and leaving dates (as `recordMoves` left them) in their handoff, which goes
 * to parents again when they changed: parents gives the old school's staff the same access until then.
 */
async function handOffFormerSchools(tx: Db, pupilIds: string[]) {
  await tx.execute(
    sql`update progress.carer_handoffs h set former_schools = m.former_schools, delivered_at = null
        from (
          select x.id,
            coalesce((select jsonb_agg(jsonb_build_object('urn', pm.from_urn, 'until', pm.leaving_date::text)
                        order by pm.from_urn)
                      from progress.pupil_moves pm where pm.pupil_id = x.id), '[]'::jsonb) as former_schools
          from json_array_elements_text(${JSON.stringify(pupilIds)}::json) as x(id)
        ) m
        where h.pupil_id = m.id and h.former_schools is distinct from m.former_schools`,
  );
}

/** One carer of a pupil as handed off to the parents subgraph (the `carer_handoffs.carers` items). */
export interface HandedOffCarer {
  carerId: string;
  order: number;
  givenName: string;
  familyName: string;
  relationship: CtfContact['relationship'];
  parentalResponsibility: boolean;
  email: string | null;
  /** The mobile if there is one, else the first phone. */
  phone: string | null;
  language: string;
}

/**
 * A CTF contact carries no id of its own. The same person named for two children (siblings, or one child in two
 * files) is one carer: the id is a digest of their name and email or first phone; without either, of the pupil
 * and their priority, so two unreachable contacts who share a name are never merged.
 */
export function carerIdOf(c: CtfContact, pupilId: string): string {
  const reach = c.email?.toLowerCase() ?? c.phones[0]?.number.replace(/\D/g, '') ?? `${pupilId}#${c.order}`;
  const key = `${c.surname.toLowerCase()}|${c.forename.toLowerCase()}|${reach}`;
  return `CTF-${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

/**
 * Links each pupil to the carers their file names (progress keeps `carer_links` to decide what a carer may see)
 * and writes the handoff to the parents subgraph, in the import's transaction. Links of the pupil to carers an
 * earlier CTF named and this one does not are removed; carers from elsewhere (the app) are left alone.
 */
async function handOffCarers(tx: Db, pupils: { pupil: CtfPupil; pupilId: string; urn: number }[]) {
  const handoffs = pupils.map(({ pupil, pupilId, urn }) => ({
    pupil_id: pupilId,
    urn,
    carers: pupil.contacts.map(
      (c): HandedOffCarer => ({
        carerId: carerIdOf(c, pupilId),
        order: c.order,
        givenName: c.forename,
        familyName: c.surname,
        relationship: c.relationship,
        parentalResponsibility: c.parentalResponsibility,
        email: c.email,
        phone: (c.phones.find((p) => p.type === 'M') ?? c.phones[0])?.number ?? null,
        language: c.language,
      }),
    ),
  }));
  const links = handoffs.flatMap((h) =>
    h.carers.map((c) => ({ carer_id: c.carerId, pupil_id: h.pupil_id, urn: h.urn })),
  );
  const pupilIds = JSON.stringify(handoffs.map((h) => ({ pupil_id: h.pupil_id, urn: h.urn })));
  await tx.execute(
    sql`delete from progress.carer_links l
        using json_to_recordset(${pupilIds}::json) as x(pupil_id text, urn int)
        where l.pupil_id = x.pupil_id and l.carer_id like 'CTF-%'
          and not exists (
            select 1 from json_to_recordset(${JSON.stringify(links)}::json) as y(carer_id text, pupil_id text)
            where y.carer_id = l.carer_id and y.pupil_id = l.pupil_id)`,
  );
  // A pupil who moved takes every link (the app's carers too) to the new school.
  await tx.execute(
    sql`update progress.carer_links l set urn = x.urn
        from json_to_recordset(${pupilIds}::json) as x(pupil_id text, urn int)
        where l.pupil_id = x.pupil_id and l.urn <> x.urn`,
  );
  await insertJson(
    tx,
    'progress.carer_links as t',
    COLUMNS['progress.carer_links'],
    links,
    sql`on conflict (carer_id, pupil_id) do nothing`,
  );
  await insertJson(
    tx,
    'progress.carer_handoffs as t',
    { pupil_id: 'text', urn: 'integer', carers: 'jsonb' },
    handoffs,
    sql`on conflict (pupil_id) do update set urn = excluded.urn, carers = excluded.carers, delivered_at = null
        where t.urn is distinct from excluded.urn or t.carers is distinct from excluded.carers`,
  );
}

/** FSM at any time in the six years before the file was written (the pupil premium's "FSM6"). */
function isDisadvantaged(p: CtfPupil, writtenOn: string): boolean {
  const from = `${Number(writtenOn.slice(0, 4)) - 6}${writtenOn.slice(4)}`;
  return p.fsmPeriods.some((f) => f.start <= writtenOn && (f.end === null || f.end >= from));
}

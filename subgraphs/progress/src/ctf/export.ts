import { type Db, queryRows } from '@commonroom/db';
import { englandSchoolList } from '@commonroom/school-list';
import { sql } from 'drizzle-orm';
import { XMLBuilder } from 'fast-xml-parser';
import { ctfCodeOf } from './codes.ts';

/**
 * Writes a Common Transfer File (CTF 25 layout) for pupils leaving a school: what Commonroom holds of them —
 * identity, groups (the raw codes a CTF brought, else a code that gives back the same group), FSM and SEN
 * history, attendance, school history and key-stage results. Importing it at another school gives the same
 * pupil (docs/data-in.md). The file is named as the spec says: `LLLEEEE_CTF_LLLEEEE_001.xml`.
 */

/** A code that maps back to the group, for pupils whose raw ethnicity code is not known (the demo's). */
const ETHNICITY_OF_GROUP: Record<string, string> = {
  WHITE: 'WOTH',
  MIXED: 'MOTH',
  ASIAN: 'AOTH',
  BLACK: 'BOTH',
  OTHER: 'OOTH',
  UNCLASSIFIED: 'NOBT',
};
const SEN_CODE: Record<string, string> = { SEN_SUPPORT: 'K', EHC_PLAN: 'E' };

interface ExportPupil extends Record<string, unknown> {
  id: string;
  upn: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string;
  ethnicity: string;
  sen: string;
  eal: boolean;
  looked_after: boolean;
  disadvantaged: boolean;
  reception_year: number;
  on_roll_from: number;
  on_roll_to: number;
  ethnicity_code: string | null;
  first_language: string | null;
  sen_needs: string[] | null;
  fsm_periods: { start: string; end: string | null }[] | null;
}

export class CtfExportError extends Error {}

/** A contact to write for a pupil (progress does not hold carers: the demo generator passes its own). */
export interface ExportContact {
  order: number;
  surname: string;
  forename: string;
  /** CTF relationship code (`relationships.csv`): PAM, PAF, CAR… */
  relationship: string;
  parentalResponsibility: boolean;
  email: string | null;
  mobile: string | null;
  /** DfE language code, when the school records one for the contact. */
  language: string | null;
}

export async function exportCtf(
  db: Db,
  options: {
    urn: number;
    pupilIds?: string[];
    to: string;
    now?: Date;
    /** Each pupil's contacts, by pupil id. */
    contacts?: ReadonlyMap<string, ExportContact[]>;
    /** The file's number in its series (`_001`), for a school writing several files at once. */
    fileNumber?: number;
  },
): Promise<{ fileName: string; xml: string; pupils: number }> {
  if (!/^\d{7}$/.test(options.to))
    throw new CtfExportError(`--to must be LLLEEEE (7 digits), got "${options.to}"`);
  const school = englandSchoolList().schools.find((s) => s.urn === options.urn);
  if (!school) throw new CtfExportError(`no school with URN ${options.urn} in the school list`);
  const ids = options.pupilIds ?? [];
  const pupils = await queryRows<ExportPupil>(
    db,
    sql`select p.id, p.upn, p.given_name, p.family_name, p.date_of_birth::text, p.sex, p.ethnicity, p.sen, p.eal,
          p.looked_after, p.disadvantaged, p.reception_year, p.on_roll_from, p.on_roll_to,
          c.ethnicity_code, c.first_language, c.sen_needs, c.fsm_periods
        from progress.pupils p left join progress.pupil_characteristics c on c.pupil_id = p.id
        where p.urn = ${options.urn}
          and (${ids.length === 0} or p.id in (${sql.join(
            [...ids, ''].map((id) => sql`${id}`),
            sql`, `,
          )}))
          and (${ids.length > 0} or p.on_roll_to = (select max(on_roll_to) from progress.pupils where urn = ${options.urn}))
        order by p.id`,
  );
  const missing = ids.filter((id) => !pupils.some((p) => p.id === id));
  if (missing.length > 0) throw new CtfExportError(`not pupils of ${options.urn}: ${missing.join(', ')}`);
  if (pupils.length === 0) throw new CtfExportError(`no pupils on roll at ${options.urn}`);
  const pupilList = sql.join(
    pupils.map((p) => sql`${p.id}`),
    sql`, `,
  );
  const [attendance, history, results] = await Promise.all([
    queryRows<Record<string, unknown> & { pupil_id: string }>(
      db,
      sql`select * from progress.pupil_attendance where pupil_id in (${pupilList}) order by pupil_id, academic_year`,
    ),
    queryRows<Record<string, unknown> & { pupil_id: string }>(
      db,
      sql`select pupil_id, lea, estab, urn, school_name, entry_date::text, leaving_date::text, leaving_reason
          from progress.pupil_school_history where pupil_id in (${pupilList}) order by pupil_id, position`,
    ),
    queryRows<Record<string, unknown> & { pupil_id: string }>(
      db,
      sql`select pupil_id, subject, kind, assessed_on::text, academic_year, year_group, scale_id, grade
          from progress.assessments where kind in ('STATUTORY', 'TEACHER') and pupil_id in (${pupilList})
          order by pupil_id, assessed_on, subject`,
    ),
  ]);
  const of = <T extends { pupil_id: string }>(rows: T[], id: string) => rows.filter((r) => r.pupil_id === id);
  const academicYear = Math.max(...pupils.map((p) => Number(p.on_roll_to)));
  const lea = String(school.laCode);
  const estab = String(school.estab).padStart(4, '0');
  const now = options.now ?? new Date();
  // The destination's URN, when the school list knows its LAESTAB (the importer identifies schools by URN).
  const destUrn = englandSchoolList().schools.find((s) => s.laestab === Number(options.to))?.urn;
  const optional = <T>(value: T | null | undefined | false, build: (v: T) => unknown) =>
    value === null || value === undefined || value === false ? {} : (build(value) as object);

  const pupilElements = pupils.map((p) => {
    const yearGroup = academicYear - Number(p.reception_year);
    const entry = `${p.on_roll_from}-09-01`;
    const fsm = p.fsm_periods ?? (p.disadvantaged ? [{ start: entry, end: null }] : []);
    const schools: Record<string, unknown>[] = of(history, p.id).map((s) => ({
      LEA: s.lea,
      Estab: s.estab,
      ...optional(s.urn as number | null, (urn) => ({ URN: urn })),
      SchoolName: s.school_name,
      ...optional(s.entry_date as string | null, (d) => ({ EntryDate: d })),
      ...optional(s.leaving_date as string | null, (d) => ({ LeavingDate: d })),
      ...optional(s.leaving_reason as string | null, (r) => ({ LeavingReason: r })),
    }));
    if (!schools.some((s) => 'URN' in s && s.URN === options.urn))
      schools.push({ LEA: lea, Estab: estab, URN: options.urn, SchoolName: school.name, EntryDate: entry });
    const stages = new Map<string, unknown[]>();
    for (const r of of(results, p.id)) {
      const code = ctfCodeOf({
        subject: String(r.subject),
        kind: String(r.kind),
        scaleId: String(r.scale_id),
        yearGroup: Number(r.year_group),
      });
      if (!code) continue;
      stages.set(code.stage, [
        ...(stages.get(code.stage) ?? []),
        {
          Locale: 'ENG',
          Year: Number(r.academic_year) + 1,
          Subject: code.subject,
          Method: code.method,
          Component: code.component,
          ResultStatus: 'R',
          Result: r.grade,
        },
      ]);
    }
    return {
      UPN: p.upn,
      Surname: p.family_name,
      Forename: p.given_name,
      DOB: p.date_of_birth,
      Sex: p.sex === 'FEMALE' ? 'F' : 'M',
      BasicDetails: {
        ...(yearGroup >= 0 && yearGroup <= 14
          ? { NCyearActual: yearGroup === 0 ? 'R' : String(yearGroup) }
          : {}),
        Ethnicity: p.ethnicity_code ?? ETHNICITY_OF_GROUP[p.ethnicity] ?? 'NOBT',
        Languages: { Type: { LanguageType: 'F', Language: p.first_language ?? (p.eal ? 'OTB' : 'ENG') } },
      },
      LookedAfter: { InCare: p.looked_after ? 'true' : 'false' },
      ...optional(options.contacts?.get(p.id), (contacts) => ({
        Contacts: {
          Contact: contacts.map((c) => ({
            Order: c.order,
            Surname: c.surname,
            Forename: c.forename,
            Relationship: c.relationship,
            Responsibility: c.parentalResponsibility ? 'true' : 'false',
            ...optional(c.mobile, (n) => ({ Phones: { Phone: { TelephoneType: 'M', PhoneNo: n } } })),
            ...optional(c.email, (e) => ({ Email: e })),
            ...optional(c.language, (l) => ({ Language: l })),
          })),
        },
      })),
      ...(fsm.length > 0
        ? {
            FSMhistory: {
              FSMinstance: fsm.map((f) => ({
                FSMstartDate: f.start,
                ...optional(f.end, (e) => ({ FSMendDate: e })),
                UKcountry: 'ENG',
              })),
            },
          }
        : {}),
      ...optional(SEN_CODE[p.sen], (code) => ({
        SENhistory: {
          SEN: { StartDate: entry, SENprovision: code },
          ...((p.sen_needs ?? []).length > 0
            ? {
                SENneeds: {
                  SENneed: (p.sen_needs ?? []).map((t, i) => ({ SENtypeRank: i + 1, SENtype: t })),
                },
              }
            : {}),
        },
      })),
      ...(of(attendance, p.id).length > 0
        ? {
            Attendance: {
              YearData: of(attendance, p.id).map((a) => ({
                Year: a.academic_year,
                ...(a.lea ? { LEA: a.lea } : {}),
                ...(a.estab ? { Estab: a.estab } : {}),
                SessionsPossible: a.sessions_possible,
                ...optional(a.sessions_authorised as number | null, (n) => ({ SessionsAuthorised: n })),
                ...optional(a.sessions_attended as number | null, (n) => ({ SessionsAttended: n })),
                ...optional(a.sessions_unauthorised as number | null, (n) => ({ SessionsUnauthorised: n })),
              })),
            },
          }
        : {}),
      ...(stages.size > 0
        ? {
            StageAssessments: {
              KeyStage: [...stages].map(([stage, list]) => ({ Stage: stage, StageAssessment: list })),
            },
          }
        : {}),
      SchoolHistory: { School: schools },
    };
  });

  const document = {
    CTfile: {
      Header: {
        DocumentName: 'Common Transfer File',
        CTFversion: `${String(academicYear % 100).padStart(2, '0')}.0`,
        DateTime: now.toISOString().slice(0, 19),
        DocumentQualifier: 'full',
        SupplierID: 'Commonroom',
        SourceSchool: {
          LEA: lea,
          Estab: estab,
          URN: options.urn,
          SchoolName: school.name,
          AcademicYear: academicYear,
        },
        DestSchool: {
          LEA: options.to.slice(0, 3),
          Estab: options.to.slice(3),
          ...optional(destUrn, (urn) => ({ URN: urn })),
        },
      },
      CTFpupilData: { Pupil: pupilElements },
    },
  };
  const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document)}`;
  return {
    fileName: `${lea}${estab}_CTF_${options.to}_${String(options.fileNumber ?? 1).padStart(3, '0')}.xml`,
    xml,
    pupils: pupils.length,
  };
}

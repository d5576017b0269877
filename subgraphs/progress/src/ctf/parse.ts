import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ETHNICITIES, SEN_PROVISIONS, SUBJECTS } from '../data/tables.ts';
import {
  CONTACT_RELATIONSHIPS,
  ethnicityGroup,
  isEal,
  languageTag,
  SEN_NEED_CODES,
  SEN_PROVISION_CODES,
  SPECIAL_RESULT_CODES,
  stageAssessmentCode,
} from './codes.ts';

/** One problem in a CTF: where (an element path such as `Pupil[2]/UPN`), a stable code and what is wrong. */
export interface CtfError {
  path: string;
  code:
    | 'NOT_XML'
    | 'NOT_CTF'
    | 'UNSUPPORTED_VERSION'
    | 'MISSING_ELEMENT'
    | 'BAD_VALUE'
    | 'BAD_DATE'
    | 'CHECK_LETTER'
    | 'DUPLICATE'
    | 'FUTURE_DATE'
    | 'UNKNOWN_CODE'
    | 'UNKNOWN_SCHOOL'
    | 'FORBIDDEN';
  message: string;
}

export const describeCtfError = (e: CtfError) => `${e.path}: ${e.message} [${e.code}]`;

/** CTF versions accepted: the current (25) and four before it. */
export const CTF_VERSIONS = { oldest: 21, newest: 25 } as const;

export interface CtfResult {
  path: string;
  subject: (typeof SUBJECTS)[number];
  kind: 'STATUTORY' | 'TEACHER';
  scaleId: string;
  grade: string;
  /** Calendar year the assessment was taken (academic year = this − 1, summer term). */
  year: number;
  yearGroup: number;
}

/** A contact of the pupil who is a carer (a family relationship or parental responsibility), in priority order. */
export interface CtfContact {
  /** Priority: 1 = first contact (`Order`, else the position among the pupil's contacts). */
  order: number;
  title: string | null;
  surname: string;
  forename: string;
  relationship: 'MOTHER' | 'FATHER' | 'STEP_PARENT' | 'GUARDIAN' | 'FOSTER_CARER' | 'OTHER';
  relationshipCode: string;
  parentalResponsibility: boolean;
  email: string | null;
  /** Phones in the file's order, each `{ type, number }` (type H, W, M… or null). */
  phones: { type: string | null; number: string }[];
  /** BCP 47 tag: the school's record for the contact (`Language`, when a file has it), else the pupil's first language. */
  language: string;
}

export interface CtfPupil {
  /** 1-based position in the file, as in `Pupil[2]`. */
  position: number;
  upn: string;
  formerUpns: string[];
  surname: string;
  forename: string;
  dateOfBirth: string;
  sex: 'FEMALE' | 'MALE';
  /** NC year actual: 0 for Reception, 1–14; null when not a year group (nursery, M, X) or absent. */
  ncYear: number | null;
  ethnicityCode: string | null;
  ethnicity: (typeof ETHNICITIES)[number];
  firstLanguage: string | null;
  eal: boolean;
  lookedAfter: boolean;
  fsmPeriods: { start: string; end: string | null }[];
  senProvision: (typeof SEN_PROVISIONS)[number];
  senNeeds: string[];
  attendance: {
    year: number;
    lea: string | null;
    estab: string | null;
    possible: number;
    attended: number | null;
    authorised: number | null;
    unauthorised: number | null;
  }[];
  schools: {
    lea: string;
    estab: string;
    urn: number | null;
    name: string;
    entryDate: string | null;
    leavingDate: string | null;
    leavingReason: string | null;
  }[];
  results: CtfResult[];
  contacts: CtfContact[];
}

export interface CtfFile {
  version: number;
  /** Date the file was written (Header/DateTime): FSM in the last six years is counted back from it. */
  writtenOn: string;
  academicYear: number;
  qualifier: 'full' | 'partial';
  source: { lea: string; estab: string; urn: number | null; name: string };
  dest: { lea: string; estab: string; urn: number };
  pupils: CtfPupil[];
}

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The check letter of a UPN's last 12 characters (11 digits, then a digit or, for a temporary UPN, a letter). */
export function upnCheckLetter(body: string): string | undefined {
  if (!/^\d{11}[0-9A-HJ-NP-RT-Z]$/.test(body)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = body[i] as string;
    sum += (ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : UPN_LETTERS.indexOf(ch)) * (i + 2);
  }
  return UPN_LETTERS[sum % 23];
}

/** Why a UPN is not valid, or null. */
function upnProblem(upn: string): { code: 'BAD_VALUE' | 'CHECK_LETTER'; message: string } | null {
  if (!/^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/.test(upn))
    return {
      code: 'BAD_VALUE',
      message: `"${upn}" is not a UPN (a check letter, 11 digits, a digit or letter)`,
    };
  const expected = upnCheckLetter(upn.slice(1));
  return upn[0] === expected ? null : { code: 'CHECK_LETTER', message: `check letter should be ${expected}` };
}

/** Every element parsed as an array of its occurrences; a leaf is its text ('' when empty). */
type XmlNode = { [name: string]: (XmlNode | string)[] };

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: () => true,
  processEntities: true,
});

/** Reads elements by name, keeping the element path of each for errors. */
class Reader {
  constructor(
    readonly node: XmlNode,
    readonly path: string,
    private readonly errors: CtfError[],
  ) {}
  fail(name: string | null, code: CtfError['code'], message: string) {
    this.errors.push({ path: name ? `${this.path}/${name}` : this.path, code, message });
  }
  /** Child elements with children of their own, each with its path (`Pupil[2]`). */
  all(name: string): Reader[] {
    return (this.node[name] ?? []).map(
      (child, i, list) =>
        new Reader(
          typeof child === 'string' ? {} : child,
          `${this.path ? `${this.path}/` : ''}${name}${list.length > 1 || name === 'Pupil' ? `[${i + 1}]` : ''}`,
          this.errors,
        ),
    );
  }
  one(name: string): Reader | undefined {
    return this.all(name)[0];
  }
  /** The text of a leaf child; empty is treated as absent. */
  text(name: string): string | undefined {
    const value = this.node[name]?.[0];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }
  texts(name: string): string[] {
    return (this.node[name] ?? []).filter((v): v is string => typeof v === 'string' && v !== '');
  }
  required(name: string): string {
    const value = this.text(name);
    if (value === undefined) this.fail(name, 'MISSING_ELEMENT', 'is missing');
    return value ?? '';
  }
  date(name: string, required = false): string | null {
    const raw = required ? this.required(name) : this.text(name);
    if (!raw) return null;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) ?? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw);
    const iso = m ? (raw.includes('/') ? `${m[3]}-${m[2]}-${m[1]}` : raw) : '';
    const valid = iso !== '' && new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso;
    if (!m || !valid) {
      this.fail(name, 'BAD_DATE', `"${raw}" is not a date (YYYY-MM-DD)`);
      return null;
    }
    return iso;
  }
  boolean(name: string): boolean | null {
    const raw = this.text(name);
    if (raw === undefined) return null;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    this.fail(name, 'BAD_VALUE', `"${raw}" is not true or false`);
    return null;
  }
  count(name: string, required = false): number | null {
    const raw = required ? this.required(name) : this.text(name);
    if (raw === undefined || raw === '') return null;
    if (!/^\d+$/.test(raw)) {
      this.fail(name, 'BAD_VALUE', `"${raw}" is not a whole number`);
      return null;
    }
    return Number(raw);
  }
}

/**
 * Parses and checks a Common Transfer File (versions 21–25) by element name, in any order, ignoring elements
 * it does not know (`SuppInfo`, `NAWdetails`, addresses…). Every problem is listed with its element path; the
 * caller writes nothing unless there are none. `today` bounds dates of birth.
 */
export function parseCtf(xml: string, today: string): { file: CtfFile | null; errors: CtfError[] } {
  const errors: CtfError[] = [];
  // A DOCTYPE could declare entities (billion laughs); a CTF never has one.
  if (/<!DOCTYPE/i.test(xml))
    return {
      file: null,
      errors: [{ path: 'CTfile', code: 'NOT_XML', message: 'a CTF may not have a DOCTYPE' }],
    };
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return {
      file: null,
      errors: [
        {
          path: `line ${valid.err.line}, column ${valid.err.col}`,
          code: 'NOT_XML',
          message: `not well-formed XML: ${valid.err.msg}`,
        },
      ],
    };
  const root = new Reader(parser.parse(xml) as XmlNode, '', errors).one('CTfile');
  if (!root)
    return {
      file: null,
      errors: [{ path: 'CTfile', code: 'NOT_CTF', message: 'the root element must be CTfile' }],
    };

  // Paths are short, as a school reads them: `Header/DestSchool/URN`, `Pupil[2]/UPN`.
  const headerNode = root.one('Header');
  const header = headerNode && new Reader(headerNode.node, 'Header', errors);
  if (!header)
    return { file: null, errors: [{ path: 'Header', code: 'MISSING_ELEMENT', message: 'is missing' }] };
  const versionText = header.required('CTFversion');
  const version = Number.parseInt(versionText, 10);
  if (versionText && !(version >= CTF_VERSIONS.oldest && version <= CTF_VERSIONS.newest))
    header.fail(
      'CTFversion',
      'UNSUPPORTED_VERSION',
      `version "${versionText}" is not supported (${CTF_VERSIONS.oldest}–${CTF_VERSIONS.newest})`,
    );
  const writtenAt = header.required('DateTime');
  const writtenOn = /^\d{4}-\d{2}-\d{2}/.test(writtenAt) ? writtenAt.slice(0, 10) : today;
  const qualifier = header.text('DocumentQualifier') === 'partial' ? 'partial' : 'full';
  const sourceNode = header.one('SourceSchool');
  const destNode = header.one('DestSchool');
  if (!sourceNode) header.fail('SourceSchool', 'MISSING_ELEMENT', 'is missing');
  if (!destNode) header.fail('DestSchool', 'MISSING_ELEMENT', 'is missing');
  const academicYear = sourceNode?.count('AcademicYear', true) ?? 0;
  const source = {
    lea: sourceNode?.required('LEA') ?? '',
    estab: sourceNode?.required('Estab') ?? '',
    urn: sourceNode?.count('URN') ?? null,
    name: sourceNode?.text('SchoolName') ?? '',
  };
  const destUrn = destNode?.count('URN');
  if (destNode && destUrn == null)
    destNode.fail(
      'URN',
      'MISSING_ELEMENT',
      'is missing: the destination school is identified by its URN (CTF 18+)',
    );
  const dest = { lea: destNode?.text('LEA') ?? '', estab: destNode?.text('Estab') ?? '', urn: destUrn ?? 0 };

  const pupilData = root.one('CTFpupilData');
  const pupilNodes = pupilData ? new Reader(pupilData.node, '', errors).all('Pupil') : [];
  if (pupilNodes.length === 0) root.fail('CTFpupilData/Pupil', 'MISSING_ELEMENT', 'the file has no pupils');
  const pupils: CtfPupil[] = [];
  const seen = new Map<string, string>();
  pupilNodes.forEach((p, i) => {
    const before = errors.length;
    const upn = p.required('UPN').toUpperCase();
    const problem = upn ? upnProblem(upn) : null;
    if (problem) p.fail('UPN', problem.code, problem.message);
    else if (upn && seen.has(upn)) p.fail('UPN', 'DUPLICATE', `${upn} is also ${seen.get(upn)}`);
    else if (upn) seen.set(upn, p.path);
    const surname = p.required('Surname');
    const forename = p.required('Forename');
    const dateOfBirth = p.date('DOB', true);
    if (dateOfBirth && dateOfBirth > today) p.fail('DOB', 'FUTURE_DATE', `${dateOfBirth} is in the future`);
    const sexName = p.text('Sex') !== undefined ? 'Sex' : 'Gender';
    const sexCode = p.text(sexName);
    if (sexCode === undefined) p.fail('Sex', 'MISSING_ELEMENT', 'is missing');
    else if (sexCode !== 'M' && sexCode !== 'F')
      p.fail(sexName, 'UNKNOWN_CODE', `"${sexCode}" is not M or F`);

    const basic = p.one('BasicDetails');
    const formerUpns = (basic?.texts('FormerUPN') ?? []).map((u) => u.toUpperCase());
    for (const former of formerUpns) {
      const bad = upnProblem(former);
      if (bad) basic?.fail('FormerUPN', bad.code, `${former}: ${bad.message}`);
    }
    const ncText = basic?.text('NCyearActual');
    let ncYear: number | null = null;
    if (ncText === 'R') ncYear = 0;
    else if (ncText && /^(1[0-4]|[1-9])$/.test(ncText)) ncYear = Number(ncText);
    else if (ncText && !['E1', 'E2', 'N1', 'N2', 'M', 'X'].includes(ncText))
      basic?.fail('NCyearActual', 'UNKNOWN_CODE', `"${ncText}" is not an NC year`);
    const ethnicityCode = basic?.text('Ethnicity') ?? null;
    if (ethnicityCode && !/^[A-Z]{4}$/.test(ethnicityCode))
      basic?.fail('Ethnicity', 'UNKNOWN_CODE', `"${ethnicityCode}" is not a four-letter ethnicity code`);
    const languages = basic?.one('Languages')?.all('Type') ?? [];
    const first = languages.find((t) => t.text('LanguageType') === 'F');
    const firstLanguage = first?.text('Language') ?? null;
    if (firstLanguage && !/^[A-Z]{3}$/.test(firstLanguage))
      first?.fail('Language', 'UNKNOWN_CODE', `"${firstLanguage}" is not a three-letter language code`);

    const lookedAfter = p.one('LookedAfter')?.boolean('InCare') ?? false;
    const fsmPeriods = (p.one('FSMhistory')?.all('FSMinstance') ?? []).flatMap((f) => {
      const start = f.date('FSMstartDate', true);
      const end = f.date('FSMendDate');
      if (start && end && end < start)
        f.fail('FSMendDate', 'BAD_DATE', `${end} is before the start ${start}`);
      return start ? [{ start, end }] : [];
    });
    const senHistory = p.one('SENhistory');
    const senPeriods = (senHistory?.all('SEN') ?? []).flatMap((s) => {
      const start = s.date('StartDate');
      const end = s.date('EndDate');
      const code = s.required('SENprovision');
      const provision = SEN_PROVISION_CODES.get(code);
      if (code && !provision) s.fail('SENprovision', 'UNKNOWN_CODE', `"${code}" is not a SEN provision code`);
      return provision ? [{ start: start ?? '', end, provision }] : [];
    });
    const current = senPeriods
      .filter((s) => s.start <= writtenOn && (s.end === null || s.end >= writtenOn))
      .sort((a, b) => b.start.localeCompare(a.start))[0];
    const senNeeds = (senHistory?.one('SENneeds')?.all('SENneed') ?? [])
      .map((n) => ({ rank: n.count('SENtypeRank') ?? 99, type: n.required('SENtype'), node: n }))
      .filter((n) => {
        if (n.type && !SEN_NEED_CODES.has(n.type))
          n.node.fail('SENtype', 'UNKNOWN_CODE', `"${n.type}" is not a SEN type`);
        return SEN_NEED_CODES.has(n.type);
      })
      .sort((a, b) => a.rank - b.rank)
      .map((n) => n.type);

    const attendance = (p.one('Attendance')?.all('YearData') ?? []).flatMap((y) => {
      const year = y.count('Year', true);
      const possible = y.count('SessionsPossible', true);
      const attended = y.count('SessionsAttended');
      const authorised = y.count('SessionsAuthorised');
      const unauthorised = y.count('SessionsUnauthorised');
      if (possible !== null && (attended ?? 0) + (authorised ?? 0) + (unauthorised ?? 0) > possible)
        y.fail(
          'SessionsPossible',
          'BAD_VALUE',
          `attended and absent sessions add up to more than ${possible}`,
        );
      if (year === null || possible === null) return [];
      return [
        {
          year,
          lea: y.text('LEA') ?? null,
          estab: y.text('Estab') ?? null,
          possible,
          attended,
          authorised,
          unauthorised,
        },
      ];
    });

    const schools = (p.one('SchoolHistory')?.all('School') ?? []).map((s) => ({
      lea: s.required('LEA'),
      estab: s.required('Estab'),
      urn: s.count('URN'),
      name: s.text('SchoolName') ?? '',
      entryDate: s.date('EntryDate'),
      leavingDate: s.date('LeavingDate'),
      leavingReason: s.text('LeavingReason') ?? null,
    }));

    const results: CtfResult[] = [];
    for (const stage of p.one('StageAssessments')?.all('KeyStage') ?? []) {
      const stageName = stage.required('Stage');
      for (const a of stage.all('StageAssessment')) {
        const year = a.count('Year', true);
        const [subject, method, component, result] = ['Subject', 'Method', 'Component', 'Result'].map((n) =>
          a.required(n),
        ) as [string, string, string, string];
        if (!subject || !method || !component || !result || year === null) continue;
        const code = stageAssessmentCode(stageName, subject, method, component);
        if (!code) {
          a.fail(
            'Component',
            'UNKNOWN_CODE',
            `${stageName} ${subject}/${method}/${component} is not a known assessment`,
          );
          continue;
        }
        if (!code.store || SPECIAL_RESULT_CODES.has(result)) continue;
        results.push({
          path: `${a.path}/Result`,
          ...code.store,
          grade: result,
          year,
          yearGroup: code.yearGroup,
        });
      }
    }

    const contacts = readContacts(p, firstLanguage);

    if (errors.length > before || !dateOfBirth) return;
    pupils.push({
      position: i + 1,
      upn,
      formerUpns,
      surname,
      forename,
      dateOfBirth,
      sex: sexCode === 'F' ? 'FEMALE' : 'MALE',
      ncYear,
      ethnicityCode,
      ethnicity: ethnicityGroup(ethnicityCode ?? undefined),
      firstLanguage,
      eal: isEal(firstLanguage ?? undefined),
      lookedAfter,
      fsmPeriods,
      senProvision: current?.provision ?? 'NONE',
      senNeeds: current && current.provision !== 'NONE' ? senNeeds : [],
      attendance,
      schools,
      results,
      contacts,
    });
  });
  if (errors.length > 0) return { file: null, errors };
  return {
    file: { version, writtenOn, academicYear, qualifier, source, dest, pupils },
    errors,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The pupil's contacts who are carers: a family relationship or parental responsibility (`relationships.csv`);
 * professionals (doctor, social worker, teacher…) without it are read past. Sorted by priority.
 */
function readContacts(p: Reader, firstLanguage: string | null): CtfContact[] {
  const contacts: CtfContact[] = [];
  for (const [i, c] of (p.one('Contacts')?.all('Contact') ?? []).entries()) {
    const surname = c.required('Surname');
    const code = c.required('Relationship');
    const known = CONTACT_RELATIONSHIPS.get(code);
    if (code && !known) c.fail('Relationship', 'UNKNOWN_CODE', `"${code}" is not a relationship code`);
    const order = c.count('Order') ?? i + 1;
    const parentalResponsibility = c.boolean('Responsibility') ?? false;
    const email = c.text('Email') ?? null;
    if (email && !EMAIL.test(email)) c.fail('Email', 'BAD_VALUE', `"${email}" is not an email address`);
    const phones = (c.one('Phones')?.all('Phone') ?? []).flatMap((ph) => {
      const number = ph.required('PhoneNo');
      return number ? [{ type: ph.text('TelephoneType') ?? null, number }] : [];
    });
    const own = c.text('Language');
    if (!known || !surname || !(known.carer || parentalResponsibility)) continue;
    contacts.push({
      order,
      title: c.text('Title') ?? null,
      surname,
      forename: c.text('Forename') ?? '',
      relationship: known.relationship,
      relationshipCode: code,
      parentalResponsibility,
      email,
      phones,
      language: languageTag(own ?? firstLanguage ?? undefined),
    });
  }
  return contacts.sort((a, b) => a.order - b.order);
}

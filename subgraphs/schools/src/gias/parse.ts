import type { Phase, Region } from '@commonroom/school-list';
import { parse } from 'csv-parse/sync';
import {
  ESTABLISHMENT_TYPES,
  type EstablishmentKind,
  GOR_REGIONS,
  giasPhase,
  LOCAL_AUTHORITY_CODES,
  TRUST_GROUP_TYPES,
} from './codes.ts';

/** One problem in a GIAS file: which file, line (header = 1) and column, a stable code and what is wrong. */
export interface GiasError {
  file: string;
  line: number;
  field: string | null;
  code:
    | 'NOT_CSV'
    | 'MISSING_COLUMN'
    | 'MISSING_VALUE'
    | 'BAD_NUMBER'
    | 'BAD_DATE'
    | 'DUPLICATE'
    | 'UNKNOWN_CODE'
    | 'UNKNOWN_LA'
    | 'UNKNOWN_GROUP';
  message: string;
}

export const describeGiasError = (e: GiasError) =>
  `${e.file} line ${e.line}${e.field ? `, ${e.field}` : ''}: ${e.message} [${e.code}]`;

export interface Establishment {
  /** Line in the file (header = 1). */
  line: number;
  urn: number;
  laCode: string;
  laName: string;
  region: Region;
  estab: number;
  laestab: number;
  name: string;
  type: string;
  constituency: string;
  kind: EstablishmentKind;
  phase: Phase;
  status: 'OPEN' | 'CLOSED';
  openedOn: string | null;
  closedOn: string | null;
  pupilsOnRoll: number;
  primaryOnRoll: number;
  secondaryOnRoll: number;
  /** Pupils eligible for free school meals (`FSM`, else `PercentageFSM` of the roll). */
  fsmPupils: number;
  percentFsm: number;
  trustUid: number | null;
  trustName: string | null;
  /** `TrustSchoolFlag (code)` 3: supported by a multi-academy trust. */
  inMultiAcademyTrust: boolean;
}

export interface TrustGroup {
  uid: number;
  groupId: string;
  name: string;
  kind: 'MAT' | 'SAT';
  companiesHouseNumber: string | null;
  status: 'OPEN' | 'CLOSED';
  openedOn: string | null;
  closedOn: string | null;
}

export interface TrustLink {
  line: number;
  urn: number;
  uid: number;
  joinedOn: string | null;
}

/** Windows-1252's bytes 0x80–0x9F (curly quotes, dashes, €…); undefined bytes stay as their Latin-1 code points. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * GIAS extracts are Windows-1252, not UTF-8. A file that is valid UTF-8 (or starts with its BOM) is read as
 * UTF-8; anything else as Windows-1252, decoded here because Node 20's `TextDecoder('windows-1252')` (like
 * `latin1`) turns bytes 0x80–0x9F into control characters instead of curly quotes and dashes.
 */
export function decodeGias(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      const chunk = bytes.subarray(i, i + 8192);
      text += String.fromCharCode(...chunk);
    }
    return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
  }
}

/** GIAS dates are `dd-mm-yyyy` (establishments) or `dd/mm/yyyy` (group files) → ISO `yyyy-mm-dd`. */
export function parseGiasDate(text: string): string | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  const m = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(value);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

const MISSING = new Set(['', 'Not applicable', 'Not recorded', '..']);

type Row = { record: Record<string, string>; info: { lines: number } };

/** The rows of one CSV file with a checker per row; missing columns are one error on line 1. */
function readCsv(file: string, text: string, required: readonly string[], errors: GiasError[]): Row[] {
  let rows: Row[];
  try {
    rows = parse(text, {
      columns: true,
      info: true,
      skip_empty_lines: true,
      bom: true,
      relax_column_count: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    errors.push({ file, line, field: null, code: 'NOT_CSV', message: (error as Error).message });
    return [];
  }
  const header = new Set(Object.keys(rows[0]?.record ?? {}));
  const missing = required.filter((c) => !header.has(c));
  for (const column of missing)
    errors.push({
      file,
      line: 1,
      field: column,
      code: 'MISSING_COLUMN',
      message: 'column missing from the header',
    });
  return missing.length > 0 ? [] : rows;
}

/** Field readers for one row that record every problem with the file, line and column. */
function rowReader(file: string, row: Row, errors: GiasError[]) {
  const line = row.info.lines;
  const fail = (field: string, code: GiasError['code'], message: string) => {
    errors.push({ file, line, field, code, message });
  };
  const text = (field: string) => (row.record[field] ?? '').trim();
  return {
    line,
    fail,
    text,
    required(field: string) {
      const value = text(field);
      if (value === '') fail(field, 'MISSING_VALUE', 'is empty');
      return value;
    },
    /** A whole number, or null for GIAS's missing values. */
    count(field: string): number | null {
      const value = text(field);
      if (MISSING.has(value)) return null;
      if (!/^\d+$/.test(value)) {
        fail(field, 'BAD_NUMBER', `"${value}" is not a whole number`);
        return null;
      }
      return Number(value);
    },
    decimal(field: string): number | null {
      const value = text(field);
      if (MISSING.has(value)) return null;
      if (!/^\d+(\.\d+)?$/.test(value)) {
        fail(field, 'BAD_NUMBER', `"${value}" is not a number`);
        return null;
      }
      return Number(value);
    },
    date(field: string): string | null {
      const value = parseGiasDate(text(field));
      if (value === undefined) fail(field, 'BAD_DATE', `"${text(field)}" is not a date (dd-mm-yyyy)`);
      return value ?? null;
    },
  };
}

export const ESTABLISHMENT_COLUMNS = [
  'URN',
  'LA (code)',
  'LA (name)',
  'EstablishmentNumber',
  'EstablishmentName',
  'TypeOfEstablishment (code)',
  'EstablishmentStatus (code)',
  'OpenDate',
  'CloseDate',
  'PhaseOfEducation (code)',
  'StatutoryLowAge',
  'StatutoryHighAge',
  'NumberOfPupils',
  'PercentageFSM',
  'Trusts (code)',
  'Trusts (name)',
] as const;

/**
 * Parses GIAS's establishment extract (`edubasealldata…csv`), by header name. Establishments of a type the
 * directory does not hold (independent, FE, 16–19, children's centres…: `establishment-types.csv`) are
 * counted and skipped; every other row is checked, and every problem recorded.
 */
export function parseEstablishments(
  file: string,
  text: string,
): { establishments: Establishment[]; skipped: number; errors: GiasError[] } {
  const errors: GiasError[] = [];
  const establishments: Establishment[] = [];
  let skipped = 0;
  const seen = new Map<number, number>();
  for (const row of readCsv(file, text, ESTABLISHMENT_COLUMNS, errors)) {
    const r = rowReader(file, row, errors);
    const before = errors.length;
    const urnText = r.required('URN');
    const urn = Number(urnText);
    if (urnText !== '' && !/^\d{6}$/.test(urnText))
      r.fail('URN', 'BAD_NUMBER', `"${urnText}" is not six digits`);
    else if (seen.has(urn)) r.fail('URN', 'DUPLICATE', `URN ${urn} already on line ${seen.get(urn)}`);
    else seen.set(urn, r.line);
    const typeCode = r.text('TypeOfEstablishment (code)').padStart(2, '0');
    const type = ESTABLISHMENT_TYPES.get(typeCode);
    if (!type) {
      r.fail('TypeOfEstablishment (code)', 'UNKNOWN_CODE', `unknown establishment type "${typeCode}"`);
      continue;
    }
    if (!type.imported) {
      skipped++;
      continue;
    }
    const laCode = r.required('LA (code)');
    const la = LOCAL_AUTHORITY_CODES.get(laCode);
    const region = la?.region ?? GOR_REGIONS[r.text('GOR (code)')];
    if (laCode !== '' && !region)
      r.fail('LA (code)', 'UNKNOWN_LA', `unknown local authority code "${laCode}"`);
    const estabText = r.required('EstablishmentNumber');
    if (estabText !== '' && !/^\d{1,4}$/.test(estabText))
      r.fail('EstablishmentNumber', 'BAD_NUMBER', `"${estabText}" is not a four-digit number`);
    const name = r.required('EstablishmentName');
    const statusCode = r.required('EstablishmentStatus (code)');
    if (statusCode !== '' && !['1', '2', '3', '4'].includes(statusCode))
      r.fail('EstablishmentStatus (code)', 'UNKNOWN_CODE', `unknown status "${statusCode}"`);
    const openedOn = r.date('OpenDate');
    const closedOn = r.date('CloseDate');
    const phaseCode = r.text('PhaseOfEducation (code)');
    if (!/^[0-7]$/.test(phaseCode))
      r.fail('PhaseOfEducation (code)', 'UNKNOWN_CODE', `unknown phase "${phaseCode}"`);
    const lowAge = r.count('StatutoryLowAge') ?? 4;
    const highAge = r.count('StatutoryHighAge') ?? 11;
    const roll = r.count('NumberOfPupils') ?? 0;
    const percentFsm = r.decimal('PercentageFSM');
    const fsmCount = 'FSM' in row.record ? r.count('FSM') : null;
    const trustUidText = r.text('Trusts (code)');
    if (trustUidText !== '' && !/^\d+$/.test(trustUidText))
      r.fail('Trusts (code)', 'BAD_NUMBER', `"${trustUidText}" is not a group UID`);
    if (errors.length > before || !region) continue;

    const phase = giasPhase(type.kind, phaseCode, lowAge, highAge);
    const primaryYears = Math.max(0, Math.min(highAge, 11) - lowAge);
    const secondaryYears = Math.max(0, highAge - Math.max(lowAge, 11));
    const primaryShare =
      primaryYears + secondaryYears === 0 ? 1 : primaryYears / (primaryYears + secondaryYears);
    const fsmPupils = fsmCount ?? Math.round(((percentFsm ?? 0) * roll) / 100);
    establishments.push({
      line: r.line,
      urn,
      laCode,
      laName: r.text('LA (name)') || la?.name || laCode,
      region,
      estab: Number(estabText),
      laestab: Number(`${laCode}${estabText.padStart(4, '0')}`),
      name,
      type: type.name,
      constituency: r.text('ParliamentaryConstituency (name)'),
      kind: type.kind,
      phase,
      status: statusCode === '2' ? 'CLOSED' : 'OPEN',
      openedOn,
      closedOn,
      pupilsOnRoll: roll,
      primaryOnRoll: Math.round(roll * primaryShare),
      secondaryOnRoll: roll - Math.round(roll * primaryShare),
      fsmPupils,
      percentFsm:
        percentFsm !== null ? Math.min(1, percentFsm / 100) : roll > 0 ? Math.min(1, fsmPupils / roll) : 0,
      trustUid: trustUidText === '' ? null : Number(trustUidText),
      trustName: r.text('Trusts (name)') || null,
      inMultiAcademyTrust: r.text('TrustSchoolFlag (code)') === '3',
    });
  }
  return { establishments, skipped, errors };
}

const GROUP_COLUMNS = ['Group UID', 'Group ID', 'Group Name', 'Companies House Number', 'Group Type (code)'];

/** Companies House numbers lose their leading zeros in the CSV: numeric ones are padded back to 8. */
export const companiesHouseNumber = (value: string): string | null =>
  value === '' || MISSING.has(value)
    ? null
    : /^\d+$/.test(value)
      ? value.padStart(8, '0')
      : value.toUpperCase();

/** Parses `allgroupsdata…csv`; only trusts (group types in `group-types.csv`) are kept. */
export function parseGroups(file: string, text: string): { groups: TrustGroup[]; errors: GiasError[] } {
  const errors: GiasError[] = [];
  const groups: TrustGroup[] = [];
  const seen = new Map<number, number>();
  for (const row of readCsv(file, text, GROUP_COLUMNS, errors)) {
    const r = rowReader(file, row, errors);
    const kind = TRUST_GROUP_TYPES.get(Number(r.text('Group Type (code)')));
    if (!kind) continue;
    const before = errors.length;
    const uid = r.count('Group UID');
    if (uid === null) r.fail('Group UID', 'MISSING_VALUE', 'is empty');
    else if (seen.has(uid)) r.fail('Group UID', 'DUPLICATE', `group ${uid} already on line ${seen.get(uid)}`);
    else seen.set(uid, r.line);
    const groupId = r.required('Group ID');
    const name = r.required('Group Name');
    const statusText = (r.text('Group Status (code)') || r.text('Group Status')).toUpperCase();
    const openedOn = r.date(
      row.record['Incorporated on (open date)'] ? 'Incorporated on (open date)' : 'Open date',
    );
    const closedOn = r.date('Closed Date');
    if (errors.length > before || uid === null) continue;
    groups.push({
      uid,
      groupId,
      name,
      kind,
      companiesHouseNumber: companiesHouseNumber(r.text('Companies House Number')),
      status: statusText === 'CLOSED' ? 'CLOSED' : 'OPEN',
      openedOn,
      closedOn,
    });
  }
  return { groups, errors };
}

/** Parses `alllinksdata…csv`: which trust (group types in `group-types.csv`) each URN is in. */
export function parseLinks(file: string, text: string): { links: TrustLink[]; errors: GiasError[] } {
  const errors: GiasError[] = [];
  const links: TrustLink[] = [];
  for (const row of readCsv(file, text, ['URN', 'Group UID', 'Group Type (code)'], errors)) {
    const r = rowReader(file, row, errors);
    if (!TRUST_GROUP_TYPES.has(Number(r.text('Group Type (code)')))) continue;
    const before = errors.length;
    const urn = r.count('URN');
    const uid = r.count('Group UID');
    const joinedOn = 'Joined date' in row.record ? r.date('Joined date') : null;
    if (urn === null) r.fail('URN', 'MISSING_VALUE', 'is empty');
    if (uid === null) r.fail('Group UID', 'MISSING_VALUE', 'is empty');
    if (errors.length > before || urn === null || uid === null) continue;
    links.push({ line: r.line, urn, uid, joinedOn });
  }
  return { links, errors };
}

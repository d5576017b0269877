import { parse } from 'csv-parse/sync';
import { regionOf } from './regions.ts';

export type Phase = 'PRIMARY' | 'SECONDARY' | 'ALL_THROUGH' | 'SPECIAL' | 'ALTERNATIVE_PROVISION';

/** One school as the DfE list describes it. */
export interface SchoolRecord {
  urn: number;
  laestab: number;
  laCode: string;
  laName: string;
  estab: number;
  name: string;
  type: string;
  constituency: string;
  phase: Phase;
  /** Some rolls have a half: part-time pupils count 0.5. */
  pupilsOnRoll: number;
  primaryOnRoll: number;
  secondaryOnRoll: number;
  /** Pupils eligible for the deprivation pupil premium (FSM in the last six years). */
  disadvantagedPupils: number;
  /** disadvantagedPupils / pupilsOnRoll, 0 when the roll is 0. */
  percentDisadvantaged: number;
}

export interface RowError {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  message: string;
}

const ACADEMY_TYPES = new Set([
  'Mainstream Academy',
  'Special Academy',
  'Free School',
  'Free School AP',
  'Free School-Special',
  'AP Academy',
]);

export function isAcademy(type: string): boolean {
  return ACADEMY_TYPES.has(type);
}

/**
 * Phase from type and roll, as the list has no phase column: special and alternative-provision types
 * first, then by which rolls are non-zero (a school with both is all-through).
 */
export function phaseOf(type: string, primaryOnRoll: number, secondaryOnRoll: number): Phase {
  const t = type.toLowerCase();
  if (t.includes('special')) return 'SPECIAL';
  if (t.includes('pupil referral') || t.includes(' ap')) return 'ALTERNATIVE_PROVISION';
  if (primaryOnRoll > 0 && secondaryOnRoll > 0) return 'ALL_THROUGH';
  if (secondaryOnRoll > 0) return 'SECONDARY';
  return 'PRIMARY';
}

const COLUMNS = {
  urn: 'URN',
  laestab: 'LAEstab',
  laCode: 'LA',
  laName: 'Local Authority',
  estab: 'Estab',
  name: 'School Name',
  type: 'School Type',
  constituency: 'Parliamentary Constituency',
  roll: 'Number of pupils on roll (7)',
  primary: 'Number of Primary pupils on roll (9)',
  secondary: 'Number of  Secondary pupils on roll (10)',
  disadvantaged: 'Total number of pupils eligible for the Deprivation Pupil Premium',
} as const;

/**
 * Parses a school list in the DfE CSV format. Every row is checked; the caller writes nothing unless
 * `errors` is empty, so a file with one bad row is rejected whole with every bad line named.
 */
export function parseSchoolList(text: string): { schools: SchoolRecord[]; errors: RowError[] } {
  const errors: RowError[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, info: true, skip_empty_lines: true, bom: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { schools: [], errors: [{ line, message: `not readable as CSV: ${(error as Error).message}` }] };
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = Object.values(COLUMNS).filter((c) => records.length > 0 && !header.includes(c));
  if (missing.length > 0)
    return { schools: [], errors: [{ line: 1, message: `missing columns: ${missing.join(', ')}` }] };

  const schools: SchoolRecord[] = [];
  const seen = new Map<number, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const problems: string[] = [];
    const get = (column: string) => (record[column] ?? '').trim();
    const wholeNumber = (column: string, label: string) => {
      const value = get(column);
      if (!/^\d+$/.test(value)) problems.push(`${label} must be a whole number, got "${value}"`);
      return Number(value);
    };
    const count = (column: string, label: string) => {
      const value = get(column);
      if (!/^\d+(\.\d+)?$/.test(value))
        problems.push(`${label} must be a non-negative number, got "${value}"`);
      return Number(value);
    };

    const urnText = get(COLUMNS.urn);
    const urn = urnText === '' ? Number.NaN : Number(urnText);
    if (urnText === '') problems.push('URN is missing');
    else if (!/^\d{6}$/.test(urnText)) problems.push(`URN must be six digits, got "${urnText}"`);
    else if (seen.has(urn)) problems.push(`URN ${urn} already appears on line ${seen.get(urn)}`);
    else seen.set(urn, line);

    const laCode = get(COLUMNS.laCode);
    if (!regionOf(laCode)) problems.push(`unknown local authority code "${laCode}"`);
    const name = get(COLUMNS.name);
    if (!name) problems.push('School Name is missing');
    const type = get(COLUMNS.type);
    if (!type) problems.push('School Type is missing');
    const laestab = wholeNumber(COLUMNS.laestab, 'LAEstab');
    const estab = wholeNumber(COLUMNS.estab, 'Estab');
    const pupilsOnRoll = count(COLUMNS.roll, 'pupils on roll');
    const primaryOnRoll = count(COLUMNS.primary, 'primary pupils on roll');
    const secondaryOnRoll = count(COLUMNS.secondary, 'secondary pupils on roll');
    const disadvantagedPupils = count(COLUMNS.disadvantaged, 'pupils eligible for the pupil premium');

    if (problems.length > 0) {
      errors.push(...problems.map((message) => ({ line, message })));
      continue;
    }
    schools.push({
      urn,
      laestab,
      laCode,
      laName: get(COLUMNS.laName),
      estab,
      name,
      type,
      constituency: get(COLUMNS.constituency),
      phase: phaseOf(type, primaryOnRoll, secondaryOnRoll),
      pupilsOnRoll,
      primaryOnRoll,
      secondaryOnRoll,
      disadvantagedPupils,
      percentDisadvantaged: pupilsOnRoll > 0 ? Math.min(1, disadvantagedPupils / pupilsOnRoll) : 0,
    });
  }
  return { schools, errors };
}

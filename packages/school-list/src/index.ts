import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSchoolList, type SchoolRecord } from './parse.ts';
import { formTrusts, type TrustRecord } from './trusts.ts';

export {
  isAcademy,
  type Phase,
  parseSchoolList,
  phaseOf,
  type RowError,
  type SchoolRecord,
} from './parse.ts';
export { pick, seededRandom } from './random.ts';
export { REGIONS, type Region, regionOf } from './regions.ts';
export { formTrusts, type TrustRecord } from './trusts.ts';

/** The bundled DfE list (data/schools-england-2019-20.csv, Open Government Licence v3.0). */
export const BUNDLED_SCHOOL_LIST = fileURLToPath(
  new URL('../../../data/schools-england-2019-20.csv', import.meta.url),
);

let cached: { schools: SchoolRecord[]; trusts: TrustRecord[] } | undefined;

/** The bundled list parsed, with its trusts formed; memoised, as it never changes in a process. */
export function englandSchoolList(): { schools: SchoolRecord[]; trusts: TrustRecord[] } {
  if (!cached) {
    const { schools, errors } = parseSchoolList(readFileSync(BUNDLED_SCHOOL_LIST, 'utf8'));
    if (errors.length > 0) throw new Error(`bundled school list has errors, first: line ${errors[0]?.line}`);
    cached = { schools, trusts: formTrusts(schools) };
  }
  return cached;
}

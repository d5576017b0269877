import {
  englandSchoolList,
  type SchoolRecord,
  seededRandom,
  type TrustRecord,
} from '@commonroom/school-list';
import { personName } from './names.ts';

/** The LA whose schools are all in the demo: Rutland, small enough for a first start in a minute. */
export const DEMO_LA_CODE = '857';

export interface DemoSelection {
  schools: SchoolRecord[];
  trusts: TrustRecord[];
  laCodes: string[];
}

let cached: DemoSelection | undefined;

/**
 * The demo schools that get staff (and, in other subgraphs, pupils and the rest): every school in Rutland
 * plus every school of each trust that has a school there — several whole trusts and one whole LA.
 */
export function demoSelection(): DemoSelection {
  if (cached) return cached;
  const { schools, trusts } = englandSchoolList();
  const inLa = new Set(schools.filter((s) => s.laCode === DEMO_LA_CODE).map((s) => s.urn));
  const demoTrusts = trusts.filter((t) => t.kind === 'MAT' && t.urns.some((urn) => inLa.has(urn)));
  const urns = new Set([...inLa, ...demoTrusts.flatMap((t) => t.urns)]);
  const demoSchools = schools.filter((s) => urns.has(s.urn));
  cached = {
    schools: demoSchools,
    trusts: demoTrusts,
    laCodes: [...new Set(demoSchools.map((s) => s.laCode))].sort(),
  };
  return cached;
}

export type DemoStaffRole = 'HEAD' | 'TEACHER' | 'SENCO' | 'LEARNING_GUIDE' | 'SUPPORT';

export interface DemoStaff {
  id: string;
  urn: number;
  name: string;
  role: DemoStaffRole;
  /** Department id, for secondary teachers. */
  departmentId: string | null;
}

export interface DemoDepartment {
  id: string;
  urn: number;
  name: string;
  subject: string;
}

const DEPARTMENTS = [
  ['ENG', 'English', 'ENGLISH'],
  ['MAT', 'Mathematics', 'MATHS'],
  ['SCI', 'Science', 'SCIENCE'],
] as const;

/**
 * A demo school's staff, the same on every machine: a head, a SENCO, one learning guide for about every
 * 25 pupils (the report's "small group"), teachers and support staff; secondary schools get English,
 * maths and science departments. Ids are `S<urn>-<nn>`; the first learning guide is always `S<urn>-03`.
 */
export function demoStaff(school: SchoolRecord): { staff: DemoStaff[]; departments: DemoDepartment[] } {
  const random = seededRandom(school.urn);
  const departments: DemoDepartment[] =
    school.secondaryOnRoll > 0
      ? DEPARTMENTS.map(([code, name, subject]) => ({
          id: `D${school.urn}-${code}`,
          urn: school.urn,
          name,
          subject,
        }))
      : [];
  const roles: DemoStaffRole[] = ['HEAD', 'SENCO'];
  const guides = Math.max(1, Math.round(school.pupilsOnRoll / 25));
  const teachers = Math.max(1, Math.round(school.pupilsOnRoll / 40));
  for (let i = 0; i < guides; i++) roles.push('LEARNING_GUIDE');
  for (let i = 0; i < teachers; i++) roles.push('TEACHER');
  roles.push('SUPPORT', 'SUPPORT');
  const staff = roles.map((role, i) => {
    const { first, last } = personName(random);
    return {
      id: `S${school.urn}-${String(i + 1).padStart(2, '0')}`,
      urn: school.urn,
      name: `${first} ${last}`,
      role,
      departmentId:
        role === 'TEACHER' && departments.length > 0
          ? (departments[i % departments.length]?.id ?? null)
          : null,
    };
  });
  return { staff, departments };
}

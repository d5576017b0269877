import { upnCheckLetter } from '@commonroom/domain';
import { type SchoolRecord, seededRandom } from '@commonroom/school-list';
import { personName } from './names.ts';
import { demoStaff } from './schools.ts';

/** The academic years the demo covers (2021 = 2021/22), September 2021 to July 2026. */
export const DEMO_FIRST_YEAR = 2021;
export const DEMO_LAST_YEAR = 2025;

export type Sex = 'FEMALE' | 'MALE';
/** DfE main ethnic groups. */
export type Ethnicity = 'WHITE' | 'MIXED' | 'ASIAN' | 'BLACK' | 'OTHER' | 'UNCLASSIFIED';
/** SEN provision: none, SEN support (K) or an education, health and care plan (E). */
export type SenProvision = 'NONE' | 'SEN_SUPPORT' | 'EHC_PLAN';

/** One demo pupil's identity, the same on every machine, so every subgraph can refer to the same children. */
export interface DemoPupil {
  /** Opaque id, `P<urn>-<nnnn>`. */
  id: string;
  urn: number;
  /** Unique pupil number: check letter, LA code, establishment number, year allocated, serial. */
  upn: string;
  givenName: string;
  familyName: string;
  /** ISO date. */
  dateOfBirth: string;
  sex: Sex;
  ethnicity: Ethnicity;
  sen: SenProvision;
  eal: boolean;
  lookedAfter: boolean;
  /** FSM in the last six years, looked after, or adopted from care. */
  disadvantaged: boolean;
  /** The academic year the pupil was (or will be) in Reception: year group = academicYear − receptionYear. */
  receptionYear: number;
  /** First and last academic years on this school's roll within the demo years. */
  onRollFrom: number;
  onRollTo: number;
  /** The member of staff (role LEARNING_GUIDE, from demoStaff) who guides this pupil. */
  learningGuideId: string;
}

const GIRLS = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Rosie', 'Sophia'];
const MORE_GIRLS = ['Grace', 'Freya', 'Amira', 'Zara', 'Aisha', 'Maya', 'Priya', 'Chloe', 'Ella', 'Evie'];
const BOYS = ['Noah', 'Oliver', 'George', 'Arthur', 'Muhammad', 'Leo', 'Harry', 'Oscar', 'Archie', 'Henry'];
const MORE_BOYS = [
  'Jack',
  'Charlie',
  'Theo',
  'Ibrahim',
  'Yusuf',
  'Kacper',
  'Jakub',
  'Daniel',
  'Samuel',
  'Kwame',
];
const GIRL_NAMES = [...GIRLS, ...MORE_GIRLS];
const BOY_NAMES = [...BOYS, ...MORE_BOYS];

/** National proportions, roughly (school census). */
const ETHNICITIES: [Ethnicity, number][] = [
  ['WHITE', 0.72],
  ['MIXED', 0.07],
  ['ASIAN', 0.12],
  ['BLACK', 0.06],
  ['OTHER', 0.02],
  ['UNCLASSIFIED', 0.01],
];

/** Year groups a school teaches: Reception (0) to Year 6 for primary, 7–11 for secondary. */
export function yearGroupsOf(school: Pick<SchoolRecord, 'phase'>): [number, number] {
  switch (school.phase) {
    case 'PRIMARY':
      return [0, 6];
    case 'SECONDARY':
    case 'ALTERNATIVE_PROVISION':
      return [7, 11];
    case 'ALL_THROUGH':
    case 'SPECIAL':
      return [0, 11];
  }
}

function chance(random: () => number, p: number) {
  return random() < p;
}

function weighted<T>(random: () => number, items: [T, number][]): T {
  let r = random() * items.reduce((a, [, w]) => a + w, 0);
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return (items.at(-1) as [T, number])[0];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Every pupil on a demo school's roll at some time in academic years 2021–2025: one cohort per year group
 * sized from the school's real roll, with its real disadvantage rate. Pupils stay at their school from
 * their first year group there to their last (no moves). Deterministic for (school, seed).
 */
export function demoPupils(school: SchoolRecord, seed = 1): DemoPupil[] {
  const random = seededRandom(school.urn * 7919 + seed);
  const [lo, hi] = yearGroupsOf(school);
  const groups = hi - lo + 1;
  const perCohort = school.pupilsOnRoll / groups;
  const guides = demoStaff(school).staff.filter((s) => s.role === 'LEARNING_GUIDE');
  const laCode = school.laestab.toString().slice(0, 3);
  const estab = pad(school.laestab % 10000, 4);
  const pupils: DemoPupil[] = [];
  for (let receptionYear = DEMO_FIRST_YEAR - hi; receptionYear <= DEMO_LAST_YEAR - lo; receptionYear++) {
    const size = Math.max(0, Math.round(perCohort * (0.92 + 0.16 * random())));
    const onRollFrom = Math.max(DEMO_FIRST_YEAR, receptionYear + lo);
    const onRollTo = Math.min(DEMO_LAST_YEAR, receptionYear + hi);
    const allocated = pad((receptionYear + lo) % 100, 2);
    if (size > 999) throw new Error(`cohort of ${size} at ${school.urn} is too big for UPN serials`);
    for (let n = 0; n < size; n++) {
      const sex: Sex = chance(random, 0.49) ? 'FEMALE' : 'MALE';
      const names = sex === 'FEMALE' ? GIRL_NAMES : BOY_NAMES;
      const givenName = names[Math.floor(random() * names.length)] as string;
      const familyName = personName(random).last;
      const lookedAfter = chance(random, 0.008);
      const disadvantaged = lookedAfter || chance(random, school.percentDisadvantaged);
      const sen = weighted<SenProvision>(random, [
        ['NONE', disadvantaged ? 0.78 : 0.85],
        ['SEN_SUPPORT', disadvantaged ? 0.17 : 0.12],
        ['EHC_PLAN', disadvantaged ? 0.05 : 0.03],
      ]);
      const ethnicity = weighted(random, ETHNICITIES);
      const eal = chance(random, ethnicity === 'WHITE' ? 0.08 : 0.55);
      const born = new Date(Date.UTC(receptionYear - 5, 8, 1) + Math.floor(random() * 365) * 86_400_000);
      const serial = pupils.length + 1;
      const body = `${laCode}${estab}${allocated}${pad(n + 1, 3)}`;
      pupils.push({
        id: `P${school.urn}-${pad(serial, 4)}`,
        urn: school.urn,
        upn: `${upnCheckLetter(body)}${body}`,
        givenName,
        familyName,
        dateOfBirth: born.toISOString().slice(0, 10),
        sex,
        ethnicity,
        sen,
        eal,
        lookedAfter,
        disadvantaged,
        receptionYear,
        onRollFrom,
        onRollTo,
        learningGuideId: guides[serial % Math.max(1, guides.length)]?.id ?? `S${school.urn}-03`,
      });
    }
  }
  return pupils;
}

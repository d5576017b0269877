import { isAcademy, type SchoolRecord } from './parse.ts';
import { pick, seededRandom } from './random.ts';
import { REGIONS, type Region, regionOf } from './regions.ts';

export interface TrustRecord {
  id: string;
  name: string;
  /** MAT: multi-academy trust; SAT: a single academy trust. */
  kind: 'MAT' | 'SAT';
  region: Region;
  urns: number[];
}

const WORDS = [
  'Beacon',
  'Horizon',
  'Compass',
  'Meridian',
  'Pioneer',
  'Harbour',
  'Summit',
  'Unity',
  'Spire',
  'Cedar',
  'Willow',
  'Kingfisher',
  'Heron',
  'Oak',
  'Aspire',
  'Lighthouse',
  'Evolve',
  'Keystone',
  'Northstar',
  'Bridge',
  'Riverside',
  'Hawthorn',
  'Rowan',
  'Ash',
  'Phoenix',
  'Endeavour',
  'Venture',
  'Pathways',
  'Elm',
  'Tideway',
];
const SUFFIXES = [
  'Academy Trust',
  'Learning Trust',
  'Education Partnership',
  'Schools Trust',
  'Multi-Academy Trust',
];

/**
 * Forms trusts from the academies in the list, deterministically. The list has no trust membership, so:
 * academies are taken region by region (in REGIONS order), sorted by LA code then URN so that a trust's
 * schools are neighbours, and cut into consecutive trusts whose sizes come from a seeded PRNG: about 12%
 * single-academy trusts, about 85% multi-academy trusts of 2–10 schools (smaller ones likelier), and about
 * 3% large trusts of 30–60 schools — roughly the shape of England's trusts. Ids are TR0001, TR0002, … in
 * that order; names are made up from a word list and are unique.
 */
export function formTrusts(schools: readonly SchoolRecord[], seed = 2020): TrustRecord[] {
  const random = seededRandom(seed);
  const trusts: TrustRecord[] = [];
  const names = new Set<string>();
  for (const region of REGIONS) {
    const academies = schools
      .filter((s) => isAcademy(s.type) && regionOf(s.laCode) === region)
      .sort((a, b) => Number(a.laCode) - Number(b.laCode) || a.urn - b.urn);
    let at = 0;
    while (at < academies.length) {
      const roll = random();
      const size =
        roll < 0.12 ? 1 : roll < 0.97 ? 2 + Math.floor(9 * random() ** 1.6) : 30 + Math.floor(31 * random());
      const members = academies.slice(at, at + size);
      at += members.length;
      const first = members[0] as SchoolRecord;
      const kind = members.length === 1 ? 'SAT' : 'MAT';
      let name =
        kind === 'SAT' ? `${first.name} Academy Trust` : `${pick(random, WORDS)} ${pick(random, SUFFIXES)}`;
      if (names.has(name)) name = `${first.laName} ${name}`;
      for (let n = 2; names.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
      names.add(name);
      trusts.push({
        id: `TR${String(trusts.length + 1).padStart(4, '0')}`,
        name,
        kind,
        region,
        urns: members.map((s) => s.urn),
      });
    }
  }
  return trusts;
}

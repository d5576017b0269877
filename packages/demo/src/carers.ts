import { type SchoolRecord, seededRandom } from '@commonroom/school-list';
import { personName } from './names.ts';
import { DEMO_LAST_YEAR, type DemoPupil, demoPupils } from './pupils.ts';

/** How a carer prefers to hear from the school. Paper letters keep families without internet included. */
export type DemoChannel = 'APP' | 'EMAIL' | 'SMS' | 'PAPER_LETTER';

export type DemoRelationship =
  | 'MOTHER'
  | 'FATHER'
  | 'STEP_PARENT'
  | 'GRANDPARENT'
  | 'GUARDIAN'
  | 'FOSTER_CARER'
  | 'OTHER';

/** One demo carer: the same on every machine, so the token command and every subgraph agree on them. */
export interface DemoCarer {
  /** Opaque id, `C<urn>-<nnnn>` (the school of their first-listed child). */
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  /** For carers who ask for paper letters. */
  postalAddress: string | null;
  /** BCP 47 language tag, e.g. `en-GB`, `pl`, `ur`. */
  preferredLanguage: string;
  preferredChannel: DemoChannel;
  accessibilityNeeds: string | null;
}

/** A carer's link to one child. */
export interface DemoCarerLink {
  carerId: string;
  pupilId: string;
  urn: number;
  relationship: DemoRelationship;
  parentalResponsibility: boolean;
  /** The carer the school contacts first about this child; exactly one per child. */
  primaryContact: boolean;
}

export interface DemoCarers {
  carers: DemoCarer[];
  links: DemoCarerLink[];
}

/**
 * The most common first languages other than English of pupils in England (school census), with rough
 * weights among the families who prefer one of them. Tags are BCP 47; Punjabi is Gurmukhi script (`pa`).
 */
const HOME_LANGUAGES: [string, number][] = [
  ['pl', 0.2],
  ['ur', 0.18],
  ['pa', 0.14],
  ['bn', 0.13],
  ['ar', 0.1],
  ['ro', 0.09],
  ['so', 0.06],
  ['pt', 0.05],
  ['gu', 0.05],
];

const ACCESSIBILITY_NEEDS = [
  'Large print, please',
  'Prefers a phone call to written messages',
  'Needs an interpreter at meetings',
  'Uses a screen reader',
  'British Sign Language user',
];

const STREETS = ['High Street', 'Church Lane', 'Station Road', 'Mill Lane', 'Park Road', 'Victoria Road'];

function weighted<T>(random: () => number, items: [T, number][]): T {
  let r = random() * items.reduce((a, [, w]) => a + w, 0);
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return (items.at(-1) as [T, number])[0];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The pupils on a school's roll in the demo's current academic year (2025/26): those who have carers. */
export function currentDemoPupils(school: SchoolRecord): DemoPupil[] {
  return demoPupils(school).filter((p) => p.onRollFrom <= DEMO_LAST_YEAR && p.onRollTo === DEMO_LAST_YEAR);
}

/**
 * The carers of a demo school's current pupils, deterministic for the school. Pupils sharing a family name
 * are sometimes siblings with the same carers (about one family in eight has two children at the school);
 * about half of the children have two carers. Families of pupils with English as an additional language
 * mostly prefer their home language; everyone else English. Looked-after children have a foster carer
 * without parental responsibility (the local authority holds it). Every child has exactly one primary contact.
 */
export function demoCarers(school: SchoolRecord, pupils = currentDemoPupils(school)): DemoCarers {
  const random = seededRandom(school.urn * 104_729 + 17);
  const carers: DemoCarer[] = [];
  const links: DemoCarerLink[] = [];
  /** The latest family formed for each family name, still open to a sibling. */
  const openFamily = new Map<string, { carerIds: string[]; relationships: DemoRelationship[] }>();
  for (const pupil of pupils) {
    const sibling = openFamily.get(pupil.familyName);
    if (sibling && !pupil.lookedAfter && random() < 0.3) {
      openFamily.delete(pupil.familyName);
      sibling.carerIds.forEach((carerId, i) => {
        links.push({
          carerId,
          pupilId: pupil.id,
          urn: school.urn,
          relationship: sibling.relationships[i] ?? 'OTHER',
          parentalResponsibility: sibling.relationships[i] !== 'FOSTER_CARER',
          primaryContact: i === 0,
        });
      });
      continue;
    }
    const language = pupil.eal && random() < 0.75 ? weighted(random, HOME_LANGUAGES) : 'en-GB';
    const relationships: DemoRelationship[] = pupil.lookedAfter
      ? ['FOSTER_CARER']
      : random() < 0.5
        ? [random() < 0.5 ? 'MOTHER' : 'FATHER']
        : random() < 0.85
          ? ['MOTHER', 'FATHER']
          : [
              weighted<DemoRelationship>(random, [
                ['GRANDPARENT', 0.5],
                ['GUARDIAN', 0.3],
                ['STEP_PARENT', 0.2],
              ]),
              'MOTHER',
            ];
    const carerIds = relationships.map((relationship) => {
      const id = `C${school.urn}-${pad(carers.length + 1, 4)}`;
      const given = personName(random).first;
      const familyName = relationship === 'FOSTER_CARER' ? personName(random).last : pupil.familyName;
      const channel = weighted<DemoChannel>(random, [
        ['APP', 0.45],
        ['EMAIL', 0.25],
        ['SMS', 0.18],
        ['PAPER_LETTER', pupil.disadvantaged ? 0.2 : 0.08],
      ]);
      const serial = carers.length + 1;
      carers.push({
        id,
        givenName: given,
        familyName,
        email:
          channel === 'PAPER_LETTER' && random() < 0.7
            ? null
            : `${given}.${familyName}.${school.urn}${serial}@example.org`.toLowerCase(),
        // Ofcom's range reserved for drama: never a real number.
        phone: `07700 900${pad(serial % 1000, 3)}`,
        postalAddress:
          channel === 'PAPER_LETTER'
            ? `${1 + Math.floor(random() * 120)} ${STREETS[Math.floor(random() * STREETS.length)]}`
            : null,
        preferredLanguage: language,
        preferredChannel: channel,
        accessibilityNeeds:
          random() < 0.04
            ? (ACCESSIBILITY_NEEDS[Math.floor(random() * ACCESSIBILITY_NEEDS.length)] ?? null)
            : null,
      });
      return id;
    });
    carerIds.forEach((carerId, i) => {
      links.push({
        carerId,
        pupilId: pupil.id,
        urn: school.urn,
        relationship: relationships[i] ?? 'OTHER',
        parentalResponsibility: relationships[i] !== 'FOSTER_CARER',
        primaryContact: i === 0,
      });
    });
    if (!pupil.lookedAfter) openFamily.set(pupil.familyName, { carerIds, relationships });
  }
  return { carers, links };
}

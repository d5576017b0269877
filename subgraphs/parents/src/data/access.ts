import {
  canSeeSchoolAggregates,
  readsAggregatesOnly,
  readsTrustFigures,
  type SchoolPlace,
  type Viewer,
} from '@commonroom/auth';

export type { SchoolPlace };
export { readsAggregatesOnly };

/** Which school a child is at (from the read-only pupil directory), and the schools they moved from by a CTF. */
export interface ChildPlace {
  id: string;
  urn: number;
  formerSchools?: readonly FormerSchool[];
}

/** A school a pupil left, and the last day (inclusive, `YYYY-MM-DD`) its staff may still see the child. */
export interface FormerSchool {
  urn: number;
  until: string;
}

const todayIso = () => new Date().toISOString().slice(0, 10);

/**
 * The schools whose staff may see a child today: the child's school, and a school they moved from until its
 * leaving date (inclusive) — as in the progress subgraph, whose CTF import hands these dates over.
 */
export function schoolsOfChild(child: ChildPlace, today = todayIso()): number[] {
  return [child.urn, ...(child.formerSchools ?? []).filter((f) => f.until >= today).map((f) => f.urn)];
}

const isStaffOfChild = (viewer: Viewer, child: ChildPlace, today?: string) =>
  viewer.role === 'school_staff' && schoolsOfChild(child, today).includes(viewer.urn);

/**
 * A child's parent-engagement data (carers, traffic lights, messages, consultations): the child's own carers
 * and the staff of the child's school. Trust leaders and LA officers see satisfaction aggregates only;
 * anonymous callers and providers see nothing. `myChildren` is the signed-in carer's linked pupil ids.
 */
export function canSeeChild(
  viewer: Viewer,
  child: ChildPlace,
  myChildren: ReadonlySet<string>,
  today?: string,
): boolean {
  if (viewer.role === 'carer') return myChildren.has(child.id);
  return isStaffOfChild(viewer, child, today);
}

/**
 * A signed-in pupil asking about themselves at the school their token names: their own traffic lights, and
 * nothing else here (not their carers, messages or consultations). Whether they are old enough (Year 5) is
 * the progress subgraph's to say, which alone holds year groups: their lights are worked out from the concept
 * results it releases to them, and none it refuses (`Pupil.trafficLights`).
 */
export function isPupilThemselves(viewer: Viewer, child: ChildPlace): boolean {
  return viewer.role === 'pupil' && viewer.pupilId === child.id && viewer.urn === child.urn;
}

/** A child's list of carers (names, contact details): the staff of the child's school only. */
export function canSeeCarersOf(viewer: Viewer, child: ChildPlace, today?: string): boolean {
  return isStaffOfChild(viewer, child, today);
}

/**
 * A carer's record: the carer themselves, and the staff of a school where they have a child (`carerSchools`:
 * `schoolsOfChild` of each of their children).
 */
export function canSeeCarer(viewer: Viewer, carerId: string, carerSchools: readonly number[]): boolean {
  switch (viewer.role) {
    case 'carer':
      return viewer.carerId === carerId;
    case 'school_staff':
      return carerSchools.includes(viewer.urn);
    default:
      return false;
  }
}

/** A school's satisfaction figures: its staff, its trust's leaders, its LA's officers. */
export const canSeeSatisfactionOf = canSeeSchoolAggregates;

/** A trust's satisfaction figures: its own leaders and its trustees (rounded for them: `readsAggregatesOnly`). */
export const canSeeTrustSatisfaction = readsTrustFigures;

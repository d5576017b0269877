import {
  canSeeSchoolAggregates,
  readsAggregatesOnly,
  readsTrustFigures,
  type SchoolPlace,
  type Viewer,
} from '@commonroom/auth';

export type { SchoolPlace };
export { readsAggregatesOnly };

/** Which school a child is at (from the read-only pupil directory). */
export interface ChildPlace {
  id: string;
  urn: number;
}

/**
 * A child's parent-engagement data (carers, traffic lights, messages, consultations): the child's own carers
 * and the staff of the child's school. Trust leaders and LA officers see satisfaction aggregates only;
 * anonymous callers and providers see nothing. `myChildren` is the signed-in carer's linked pupil ids.
 */
export function canSeeChild(viewer: Viewer, child: ChildPlace, myChildren: ReadonlySet<string>): boolean {
  switch (viewer.role) {
    case 'carer':
      return myChildren.has(child.id);
    case 'school_staff':
      return viewer.urn === child.urn;
    default:
      return false;
  }
}

/** A child's list of carers (names, contact details): the staff of the child's school only. */
export function canSeeCarersOf(viewer: Viewer, child: ChildPlace): boolean {
  return viewer.role === 'school_staff' && viewer.urn === child.urn;
}

/** A carer's record: the carer themselves, and the staff of a school where they have a child. */
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

import type { Viewer } from './viewer.ts';

/** Where a school sits: its LA and trust (each subgraph keeps a read-only copy of the school directory). */
export interface SchoolPlace {
  urn: number;
  laCode: string;
  trustId: string | null;
}

/**
 * The school's own staff and the leaders of its trust: who may see its pupil-level data (DESIGN.md "Who sees
 * what"). LA officers, carers, providers, DPOs and anonymous callers are not.
 */
export function isStaffOrTrustLeaderOf(viewer: Viewer, school: SchoolPlace): boolean {
  switch (viewer.role) {
    case 'school_staff':
      return viewer.urn === school.urn;
    case 'trust_leader':
      return school.trustId !== null && viewer.trustId === school.trustId;
    default:
      return false;
  }
}

/** The school's staff, its trust's leaders and its LA's officers: who may see its (suppressed) aggregates. */
export function canSeeSchoolAggregates(viewer: Viewer, school: SchoolPlace): boolean {
  if (viewer.role === 'la_officer') return viewer.laCode === school.laCode;
  return isStaffOrTrustLeaderOf(viewer, school);
}

/** A trust's own figures: its leaders. */
export const leadsTrust = (viewer: Viewer, trustId: string): boolean =>
  viewer.role === 'trust_leader' && viewer.trustId === trustId;

/** An LA's own figures: its officers. */
export const isOfficerOfLa = (viewer: Viewer, laCode: string): boolean =>
  viewer.role === 'la_officer' && viewer.laCode === laCode;

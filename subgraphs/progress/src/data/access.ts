import type { Viewer } from '@commonroom/auth';

/** Where a school sits: which LA and trust (from the read-only school directory). */
export interface SchoolPlace {
  urn: number;
  laCode: string;
  trustId: string | null;
}

/**
 * Pupil-level data (names, plans, results, UPN): the staff of the pupil's school — their learning guide
 * among them — and the leaders of its trust. LA officers see aggregates only; carers will see their own
 * children once the parents subgraph links them; anonymous callers and providers see nothing.
 */
export function canSeePupilsOf(viewer: Viewer, school: SchoolPlace): boolean {
  switch (viewer.role) {
    case 'school_staff':
      return viewer.urn === school.urn;
    case 'trust_leader':
      return school.trustId !== null && viewer.trustId === school.trustId;
    default:
      return false;
  }
}

/** The UPN is shown only to the pupil's school staff and trust leaders (the same people, stated apart). */
export const canSeeUpnOf = canSeePupilsOf;

/** A school's aggregates (suppressed where small): its staff, its trust's leaders and its LA's officers. */
export function canSeeAggregatesOf(viewer: Viewer, school: SchoolPlace): boolean {
  if (viewer.role === 'la_officer') return viewer.laCode === school.laCode;
  return canSeePupilsOf(viewer, school);
}

/** An LA's aggregates: its own officers. */
export function canSeeLaAggregates(viewer: Viewer, laCode: string): boolean {
  return viewer.role === 'la_officer' && viewer.laCode === laCode;
}

/** A trust's aggregates: its own leaders. */
export function canSeeTrustAggregates(viewer: Viewer, trustId: string): boolean {
  return viewer.role === 'trust_leader' && viewer.trustId === trustId;
}

/** Plans, guides, targets, reviews and imports are changed by the staff of the pupil's own school. */
export function canChangePupilsOf(viewer: Viewer, school: SchoolPlace): boolean {
  return viewer.role === 'school_staff' && viewer.urn === school.urn;
}

/**
 * Booking and cancelling support for a pupil: the staff of the pupil's school (their learning guide among
 * them). Carers will book for their own children once the parents subgraph links them: add them here.
 */
export function canBookSupportFor(viewer: Viewer, school: SchoolPlace): boolean {
  return canChangePupilsOf(viewer, school);
}

/** Approving providers and publishing options for a trust's schools: its leaders (no trust-staff role yet). */
export function canManageSupportOf(viewer: Viewer, trustId: string): boolean {
  return viewer.role === 'trust_leader' && viewer.trustId === trustId;
}

/** A booking is seen by whoever may see the pupil, and by the provider it was made with (only theirs). */
export function canSeeBooking(viewer: Viewer, booking: { providerId: string }, school: SchoolPlace): boolean {
  if (viewer.role === 'provider') return viewer.providerId === booking.providerId;
  return canSeePupilsOf(viewer, school);
}

import {
  canSeeSchoolAggregates,
  isOfficerOfLa,
  isStaffOrTrustLeaderOf,
  leadsTrust,
  readsTrustFigures,
  type SchoolPlace,
  type Viewer,
} from '@commonroom/auth';
import { todayIso } from '../rules/dates.ts';

export type { SchoolPlace };

/**
 * Pupil-level data of a whole school (names, plans, results, UPN, characteristics): the staff of the pupil's
 * school — their learning guide among them — and the leaders of its trust. LA officers see aggregates only;
 * carers see their own linked children only (`canSeePupil`); anonymous callers and providers see nothing.
 */
export const canSeePupilsOf = isStaffOrTrustLeaderOf;

/** The pupils linked to the caller when a carer (from progress.carer_links); empty for everyone else. */
export type CarerChildren = ReadonlySet<string>;

/** A pupil with their school's place, and the schools they moved from with their leaving dates. */
export type PupilPlace = SchoolPlace & {
  id: string;
  formerPlaces?: readonly (SchoolPlace & { until: string })[];
};

/**
 * A pupil's record (as `canSeePupilsOf` for their school): the staff and trust leaders of their school, and of
 * a school they moved from until its leaving date (inclusive) — after it, not at all.
 */
export function canSeePupilRecord(viewer: Viewer, pupil: PupilPlace, today = todayIso()): boolean {
  return (
    canSeePupilsOf(viewer, pupil) ||
    (pupil.formerPlaces ?? []).some((f) => f.until >= today && canSeePupilsOf(viewer, f))
  );
}

/**
 * One pupil: whoever may see the school's pupils, and a carer linked to this pupil. A carer sees their
 * child's name, year group, school, learning guide, results, assessments, learning targets, reviews and
 * entitlement — never the UPN, characteristics or plans (`canSeeCharacteristicsOf`).
 */
export function canSeePupil(viewer: Viewer, pupil: PupilPlace, children: CarerChildren): boolean {
  if (viewer.role === 'carer') return children.has(pupil.id);
  return canSeePupilRecord(viewer, pupil);
}

/** Pupils sign in from Year 5 (DESIGN.md "Who sees what"); a younger pupil's token opens nothing. */
export const FIRST_PUPIL_YEAR = 5;

/** What says whether a pupil is old enough to sign in: their year group in their latest year on roll. */
export type PupilYear = PupilPlace & { receptionYear: number; onRollTo: number };

/** The pupil's year group now (their latest year on roll): what the Year 5 rule is checked against. */
export const currentYearGroup = (pupil: Pick<PupilYear, 'receptionYear' | 'onRollTo'>) =>
  pupil.onRollTo - pupil.receptionYear;

/**
 * A signed-in pupil asking about themselves, at the school their token names, in Year 5 or above. They see
 * their own traffic lights and learning targets (`PUPIL_OWN_FIELDS`), nothing about any other pupil.
 */
export function isPupilThemselves(viewer: Viewer, pupil: PupilYear): boolean {
  return (
    viewer.role === 'pupil' &&
    viewer.pupilId === pupil.id &&
    viewer.urn === pupil.urn &&
    currentYearGroup(pupil) >= FIRST_PUPIL_YEAR
  );
}

/**
 * The fields of their own record a pupil reads: who they are, their year group and school, their learning
 * targets, and the concept results behind their traffic lights. Every other field (results, assessments,
 * reviews, entitlement, characteristics, plans) stays with staff and carers.
 */
export const PUPIL_OWN_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'displayName',
  'givenName',
  'familyName',
  'yearGroup',
  'school',
  'learningTargets',
  'conceptResults',
]);

/** The UPN is shown only to the pupil's school staff and trust leaders (the same people, stated apart). */
export const canSeeUpnOf = (viewer: Viewer, pupil: PupilPlace) => canSeePupilRecord(viewer, pupil);

/**
 * Date of birth, ethnicity, SEN, disadvantage (FSM), looked-after status and progress plans: the school's
 * staff and its trust's leaders only — never a carer, even their own child's (FORBIDDEN, null).
 */
export const canSeeCharacteristicsOf = (viewer: Viewer, pupil: PupilPlace) =>
  canSeePupilRecord(viewer, pupil);

/**
 * A school's aggregates (suppressed where small) and its governor report: its staff, its trust's leaders, its
 * LA's officers, its governors and its trust's trustees.
 */
export const canSeeAggregatesOf = canSeeSchoolAggregates;

/**
 * A department's progress before and during a consultancy engagement (an aggregate, suppressed where small):
 * whoever may see the engagement in the practice subgraph — the expertise market's users, school staff, trust
 * leaders and LA officers, of any school — as the engagement is a shared record between two schools.
 */
export function canSeeConsultancyProgress(viewer: Viewer): boolean {
  return viewer.role === 'school_staff' || viewer.role === 'trust_leader' || viewer.role === 'la_officer';
}

/** An LA's aggregates: its own officers. */
export const canSeeLaAggregates = isOfficerOfLa;

/**
 * Whether a trust's figures are for readers of its pupil-level records (exact): its own leaders. Trustees read
 * the same figures as aggregates (`canSeeTrustFigures`), rounded.
 */
export const canSeeTrustAggregates = leadsTrust;

/** A trust's figures (gaps, trend, take-up, the board's governor report): its leaders and its trustees. */
export const canSeeTrustFigures = readsTrustFigures;

/** A school's targets are set by its staff (the head and leaders among them; no finer staff roles yet). */
export function canSetSchoolTargets(viewer: Viewer, school: SchoolPlace): boolean {
  return viewer.role === 'school_staff' && viewer.urn === school.urn;
}

/** A trust's settings are read and changed by its leaders (and its targets set by them). */
export const canManageTrustSettings = leadsTrust;

/** Plans, guides, targets, reviews and imports are changed by the staff of the pupil's own school. */
export function canChangePupilsOf(viewer: Viewer, school: SchoolPlace): boolean {
  return viewer.role === 'school_staff' && viewer.urn === school.urn;
}

/**
 * The list of a school's pupils whose reviews are overdue: its own staff, who hold the reviews. Nobody else —
 * not its trust's leaders, and never its governors, who see the count on their report.
 */
export const canListOverdueReviews = canChangePupilsOf;

/**
 * Booking and cancelling support for a pupil: the staff of the pupil's school (their learning guide among
 * them), and a carer linked to the pupil (any of their carers; the budget rules are the same).
 */
export function canBookSupportFor(viewer: Viewer, pupil: PupilPlace, children: CarerChildren): boolean {
  if (viewer.role === 'carer') return children.has(pupil.id);
  return canChangePupilsOf(viewer, pupil);
}

/** A booking is seen by whoever may see the pupil, and by the provider it was made with (only theirs). */
export function canSeeBooking(viewer: Viewer, booking: { providerId: string }, school: SchoolPlace): boolean {
  if (viewer.role === 'provider') return viewer.providerId === booking.providerId;
  return canSeePupilsOf(viewer, school);
}

/** Lesson-feedback surveys are set by the school's own staff. */
export const canSetLessonFeedbackOf = canChangePupilsOf;

/**
 * A school's lesson-feedback surveys with their results (per class, subject and year group, never who
 * answered): its staff and its trust's leaders. Its self-evaluation's totals follow `canSeeAggregatesOf`.
 */
export const canReadLessonFeedbackOf = isStaffOrTrustLeaderOf;

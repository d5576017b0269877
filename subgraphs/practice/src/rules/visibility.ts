import {
  canSeeSchoolAggregates,
  readsAggregatesOnly,
  readsTrustFigures,
  type SchoolPlace,
  type Viewer,
} from '@commonroom/auth';

export type { SchoolPlace };
export { readsAggregatesOnly };

export type Visibility = 'TRUST' | 'LOCAL_AUTHORITY' | 'PUBLIC';
export type PracticeStatus = 'DRAFT' | 'PUBLISHED' | 'RETIRED';

/**
 * Where the caller stands: their own school (school staff), the LAs they work in (an officer's LA, the LA
 * of a member of staff's school, every LA a trust has a school in) and their trust.
 */
export interface ViewerScope {
  urn: number | null;
  laCodes: string[];
  trustId: string | null;
}

/**
 * Who may see a practice. Drafts: the publishing school's staff only. Published and retired practices by
 * visibility: PUBLIC to everyone, anonymous callers included; LOCAL_AUTHORITY to anyone working in the
 * publishing school's LA (its schools' staff, its officers, leaders of a trust with a school there);
 * TRUST to the publishing school's trust (its leaders and its schools' staff) and to the publishing
 * school itself (a maintained school's TRUST practice stays in the school). The SQL filter in
 * data/visibility.ts states the same rule for searches; tests check the two agree.
 */
export function canSeePractice(
  scope: ViewerScope,
  practice: { status: PracticeStatus; visibility: Visibility },
  school: SchoolPlace,
): boolean {
  const ownSchool = scope.urn === school.urn;
  if (practice.status === 'DRAFT') return ownSchool;
  switch (practice.visibility) {
    case 'PUBLIC':
      return true;
    case 'LOCAL_AUTHORITY':
      return ownSchool || scope.laCodes.includes(school.laCode);
    case 'TRUST':
      return ownSchool || (school.trustId !== null && scope.trustId === school.trustId);
  }
}

/** Only the publishing school's staff change a practice. */
export const canEditPracticeOf = (viewer: Viewer, school: Pick<SchoolPlace, 'urn'>) =>
  viewer.role === 'school_staff' && viewer.urn === school.urn;

/** A school's CPD figures: its staff, its trust's leaders, its LA's officers, its governors and trustees. */
export const canSeeCpdOf = canSeeSchoolAggregates;

/** A trust's CPD figures: its leaders and its trustees. */
export const canSeeTrustCpd = readsTrustFigures;

/** The expertise market and consultancy are for people working in schools, trusts and LAs. */
export const canUseMarket = (viewer: Viewer) =>
  viewer.role === 'school_staff' || viewer.role === 'trust_leader' || viewer.role === 'la_officer';

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

/** A governor of this school, or a trustee of its trust (`governor` with a trust scope). */
export function governsSchool(viewer: Viewer, school: SchoolPlace): boolean {
  if (viewer.role !== 'governor') return false;
  if (viewer.urn !== undefined) return viewer.urn === school.urn;
  return school.trustId !== null && viewer.trustId === school.trustId;
}

/**
 * The school's staff, its trust's leaders, its LA's officers, its governors and its trust's trustees: who may
 * see its (suppressed) aggregates.
 */
export function canSeeSchoolAggregates(viewer: Viewer, school: SchoolPlace): boolean {
  if (viewer.role === 'la_officer') return viewer.laCode === school.laCode;
  return isStaffOrTrustLeaderOf(viewer, school) || governsSchool(viewer, school);
}

/**
 * Whoever reads figures about pupils without any right to the pupil-level records behind them (LA officers,
 * governors and trustees): they get the figures rounded as docs/disclosure-control.md says, never exact.
 */
export const readsAggregatesOnly = (viewer: Viewer): boolean =>
  viewer.role === 'la_officer' || viewer.role === 'governor';

/** A trust's own figures: its leaders. */
export const leadsTrust = (viewer: Viewer, trustId: string): boolean =>
  viewer.role === 'trust_leader' && viewer.trustId === trustId;

/** A trustee: a governor scoped to the trust's board. */
export const isTrusteeOf = (viewer: Viewer, trustId: string): boolean =>
  viewer.role === 'governor' && viewer.urn === undefined && viewer.trustId === trustId;

/**
 * A trust's own figures (gaps, take-up, CPD, Parent View, the board's report): its leaders, exact, and its
 * trustees, who read aggregates only.
 */
export const readsTrustFigures = (viewer: Viewer, trustId: string): boolean =>
  leadsTrust(viewer, trustId) || isTrusteeOf(viewer, trustId);

/** An LA's own figures: its officers. */
export const isOfficerOfLa = (viewer: Viewer, laCode: string): boolean =>
  viewer.role === 'la_officer' && viewer.laCode === laCode;

/**
 * Who answers for a school's support market (approving providers, publishing options): a trust for its schools
 * (`TR…`), an LA for the schools it maintains (`LA<code>`: those in no trust). The same key is stored with each
 * approval and option.
 */
export type ResponsibleBody = { kind: 'trust'; id: string } | { kind: 'la'; id: string; laCode: string };

/** The body the viewer commissions for: a trust's leaders, or an LA's commissioners; anyone else none. */
export function commissionsFor(viewer: Viewer): ResponsibleBody | null {
  if (viewer.role === 'trust_leader') return { kind: 'trust', id: viewer.trustId };
  if (viewer.role === 'la_officer' && viewer.commissioner === true)
    return { kind: 'la', id: `LA${viewer.laCode}`, laCode: viewer.laCode };
  return null;
}

/** Whether a school is one the body answers for: the trust's, or one the LA maintains (in no trust). */
export const answersFor = (body: ResponsibleBody, school: SchoolPlace): boolean =>
  body.kind === 'trust'
    ? school.trustId === body.id
    : school.trustId === null && school.laCode === body.laCode;

import { daysBetween } from './dates.ts';

/**
 * Reviews with a pupil's learning guide are due at least half-termly (`Review.nextReviewOn`). Vulnerable
 * pupils are reviewed on their trust's cycle as well (`vulnerableReviewWeeks`): their review is due by
 * whichever comes first, the date set at the last review or that many weeks after it.
 */

/** Half a term: the cycle vulnerable pupils are reviewed on until their trust sets another. */
export const DEFAULT_VULNERABLE_REVIEW_WEEKS = 6;

/** The characteristics that put a pupil on the vulnerable cycle. */
export interface ReviewedPupil {
  lookedAfter: boolean;
  sen: string;
  disadvantaged: boolean;
}

/** Vulnerable: looked after, with an EHC plan or SEN support, or disadvantaged (FSM in six years, adopted from care). */
export const isVulnerable = (p: ReviewedPupil) =>
  p.lookedAfter || p.sen === 'EHC_PLAN' || p.sen === 'SEN_SUPPORT' || p.disadvantaged;

/** The last review held: when, and the next date it set. */
export interface LastReview {
  heldOn: string;
  nextReviewOn: string;
}

const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** When the next review is due; null when the pupil has never been reviewed (due at once). */
export function reviewDueOn(
  last: LastReview | undefined,
  vulnerable: boolean,
  vulnerableReviewWeeks: number,
): string | null {
  if (!last) return null;
  if (!vulnerable) return last.nextReviewOn;
  const cycle = plusDays(last.heldOn, vulnerableReviewWeeks * 7);
  return cycle < last.nextReviewOn ? cycle : last.nextReviewOn;
}

/** Overdue on `asOf`: never reviewed, or the due date has passed (a review due on `asOf` is not yet late). */
export const isReviewOverdue = (dueOn: string | null, asOf: string) =>
  dueOn === null || daysBetween(dueOn, asOf) > 0;

/** A pupil whose review is overdue: when they were last reviewed and when the next was due. */
export interface Overdue<P> {
  pupil: P;
  lastReviewedOn: string | null;
  dueOn: string | null;
}

/** The pupils whose review is overdue on `asOf`, most overdue first (never reviewed before all). */
export function overdueReviews<P extends ReviewedPupil & { id: string }>(
  pupils: readonly { pupil: P; last: LastReview | undefined }[],
  vulnerableReviewWeeks: number,
  asOf: string,
): Overdue<P>[] {
  return pupils
    .map(({ pupil, last }) => ({
      pupil,
      lastReviewedOn: last?.heldOn ?? null,
      dueOn: reviewDueOn(last, isVulnerable(pupil), vulnerableReviewWeeks),
    }))
    .filter((o) => isReviewOverdue(o.dueOn, asOf))
    .sort(
      (a, b) =>
        (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
        (a.pupil.id < b.pupil.id ? -1 : a.pupil.id > b.pupil.id ? 1 : 0),
    );
}

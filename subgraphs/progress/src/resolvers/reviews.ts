import { protect, protectAbove, publishCount } from '@commonroom/disclosure';
import { badUserInput, forbidden, notFound } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canListOverdueReviews } from '../data/access.ts';
import { pupilsWithLastReview } from '../data/reviews.ts';
import { isIsoDate, todayIso } from '../rules/dates.ts';
import { DEFAULT_VULNERABLE_REVIEW_WEEKS, overdueReviews } from '../rules/reviews.ts';
import { audienceOf, policyOf } from './gaps.ts';

/** Which school's or trust's reviews a governor report counts (set by `governorReport`). */
export interface ReviewScope {
  scope: 'school' | 'trust';
  id: string;
}

function asOfDate(asOf: string | null | undefined) {
  if (asOf == null) return todayIso();
  if (!isIsoDate(asOf)) throw badUserInput(`asOf must be a date (YYYY-MM-DD), got "${asOf}"`, 'asOf');
  return asOf;
}

/** A trust's cycle for vulnerable pupils, in weeks (the default without a trust or its own setting). */
export async function reviewWeeksOf(trustId: string | null, { loaders }: ProgressContext) {
  return (trustId && (await loaders.reviewWeeks.load(trustId))) || DEFAULT_VULNERABLE_REVIEW_WEEKS;
}

/** The overdue reviews of one school, or of every school of a trust (each pupil tagged with their school). */
async function overdueOf(
  where: { urn: number; trustId: string | null } | { trustId: string },
  asOf: string,
  context: ProgressContext,
) {
  const pupils = await pupilsWithLastReview(
    context.db,
    'urn' in where ? { urn: where.urn } : { trustId: where.trustId },
    asOf,
  );
  return overdueReviews(pupils, await reviewWeeksOf(where.trustId, context), asOf);
}

export const ReviewsSchool = {
  async overdueReviews(
    school: { urn: number },
    { asOf }: { asOf?: string | null },
    context: ProgressContext,
  ) {
    const place = await context.loaders.place.load(school.urn);
    if (!place) throw notFound(`No school with URN ${school.urn}.`);
    if (!canListOverdueReviews(context.viewer, place))
      throw forbidden("Only the school's staff may list its pupils with overdue reviews.");
    return overdueOf(place, asOfDate(asOf), context);
  },
};

export const ReviewsGovernorReport = {
  /**
   * A count like the report's others: exact for readers of the pupils behind it, hidden at 1..threshold and
   * rounded for aggregate readers; a trust's hidden too when its schools' hidden counts would come back from it.
   */
  async overdueReviews(
    report: { reviewScope: ReviewScope },
    { asOf }: { asOf?: string | null },
    context: ProgressContext,
  ) {
    const day = asOfDate(asOf);
    const { scope, id } = report.reviewScope;
    const policy = policyOf(context);
    const audience = await audienceOf(scope, id, context);
    if (scope === 'school') {
      const place = await context.loaders.place.load(Number(id));
      if (!place) throw notFound(`No school with URN ${id}.`);
      return publishCount((await overdueOf(place, day, context)).length, audience, policy);
    }
    const overdue = await overdueOf({ trustId: id }, day, context);
    if (audience === 'pupils') return overdue.length;
    const bySchool = new Map<number, number>();
    for (const o of overdue) bySchool.set(o.pupil.urn, (bySchool.get(o.pupil.urn) ?? 0) + 1);
    const parts = [...bySchool].map(([urn, n]) => {
      const cells = [{ key: 'overdue', n }];
      return { id: String(urn), cells, hidden: protect(cells, [], policy) };
    });
    const hidden = protectAbove([{ key: 'overdue', n: overdue.length }], [], parts, policy);
    return hidden.has('overdue') ? null : publishCount(overdue.length, audience, policy);
  },
};

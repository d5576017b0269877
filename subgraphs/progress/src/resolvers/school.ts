import { forbidden, isStringKey, notFound, readPage, toConnection } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canSeeAggregatesOf, canSeePupilsOf, type SchoolPlace } from '../data/access.ts';
import { schoolProgressReport } from '../rules/reports.ts';
import {
  audienceOf,
  type GapArgs,
  gapsFor,
  gapTrendFor,
  policyOf,
  supportTakeUpFor,
  type TrendArgs,
} from './gaps.ts';

interface SchoolRef {
  urn: number;
}

async function placeFor(urn: number, { loaders }: ProgressContext): Promise<SchoolPlace> {
  const place = await loaders.place.load(urn);
  if (!place) throw notFound(`No school with URN ${urn}.`);
  return place;
}

async function checkAggregates(school: SchoolRef, context: ProgressContext) {
  if (!canSeeAggregatesOf(context.viewer, await placeFor(school.urn, context)))
    throw forbidden("You may not see this school's progress.");
}

export const School = {
  // Nothing to load: the schools subgraph owns the school; fields below load what they need in batches.
  __resolveReference: ({ urn }: SchoolRef) => ({ urn }),
  async progress(school: SchoolRef, { academicYear }: { academicYear: number }, context: ProgressContext) {
    // One query gives every school's numbers and its LA and trust, so a trust's schools cost one query.
    const row = await context.loaders.schoolProgress.load({ key: school.urn, args: { year: academicYear } });
    if (!row) throw notFound(`No school with URN ${school.urn}.`);
    if (!canSeeAggregatesOf(context.viewer, row)) throw forbidden("You may not see this school's progress.");
    const audience = await audienceOf('school', String(school.urn), context, row);
    return { academicYear, ...schoolProgressReport(row, audience, policyOf(context)) };
  },
  async stuckPupils(
    school: SchoolRef,
    args: { academicYear: number; first?: number | null; after?: string | null },
    context: ProgressContext,
  ) {
    const page = readPage(args, isStringKey);
    if (!canSeePupilsOf(context.viewer, await placeFor(school.urn, context)))
      throw forbidden("Only the school's staff and its trust's leaders may see its pupils.");
    const year = args.academicYear;
    const [rows, total] = await Promise.all([
      context.loaders.stuckPage.load({
        key: school.urn,
        args: { year, limit: page.limit, after: page.after },
      }),
      context.loaders.stuckCount.load({ key: school.urn, args: { year } }),
    ]);
    return toConnection(rows, page.limit, (p) => p.id, total);
  },
  async selfEvaluation(
    school: SchoolRef,
    { academicYear }: { academicYear: number },
    context: ProgressContext,
  ) {
    await checkAggregates(school, context);
    const id = String(school.urn);
    const [disadvantaged, sen, trend, support] = await Promise.all([
      gapsFor('school', id, { academicYear, subject: 'MATHS', by: 'DISADVANTAGED' }, context),
      gapsFor('school', id, { academicYear, subject: 'MATHS', by: 'SEN' }, context),
      gapTrendFor('school', id, { subject: 'MATHS', by: 'DISADVANTAGED', fromYear: academicYear }, context),
      supportTakeUpFor('school', id, academicYear, context),
    ]);
    const index = trend.find((t) => t.academicYear === academicYear)?.gapIndex ?? {
      value: null,
      cohort: 0,
      suppressed: false,
      reason: 'No pupils assessed that year.',
      code: null,
    };
    return {
      urn: school.urn, // for its pupil voice (resolvers/lesson-feedback.ts)
      academicYear,
      byGroup: [...disadvantaged, ...sen],
      disadvantageGapIndex: index,
      eligibleForSupport: support.eligibleForSupport,
      accessingSupport: support.accessingSupport,
      support,
    };
  },
  async gaps(school: SchoolRef, args: GapArgs, context: ProgressContext) {
    await checkAggregates(school, context);
    return gapsFor('school', String(school.urn), args, context);
  },
  async gapTrend(school: SchoolRef, args: TrendArgs, context: ProgressContext) {
    await checkAggregates(school, context);
    return gapTrendFor('school', String(school.urn), args, context);
  },
};

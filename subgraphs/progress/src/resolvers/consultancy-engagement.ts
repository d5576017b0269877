import { badUserInput, forbidden } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canSeeConsultancyProgress } from '../data/access.ts';
import { isIsoDate } from '../rules/dates.ts';
import { departmentProgressChange, yearsToLoad } from '../rules/department-progress.ts';
import { audienceOf, policyOf } from './gaps.ts';

/** The practice subgraph's engagement: the gateway sends these fields (`@requires`) to ask for progress. */
interface EngagementRef {
  id: string;
  toSchool?: { urn: number };
  subject?: string;
  startedOn?: string;
  endedOn?: string | null;
}

export const ConsultancyEngagement = {
  __resolveReference: (ref: EngagementRef) => ref,
  async departmentProgress(engagement: EngagementRef, _: unknown, context: ProgressContext) {
    const { viewer, loaders } = context;
    if (!canSeeConsultancyProgress(viewer))
      throw forbidden('Consultancy records are for school, trust and LA staff.');
    const { toSchool, subject, startedOn } = engagement;
    if (!toSchool || subject === undefined || startedOn === undefined) return null;
    if (!isIsoDate(startedOn)) throw badUserInput('startedOn must be a date (YYYY-MM-DD)', 'startedOn');
    if (engagement.endedOn && !isIsoDate(engagement.endedOn))
      throw badUserInput('endedOn must be a date (YYYY-MM-DD)', 'endedOn');
    const place = await loaders.place.load(toSchool.urn);
    if (!place) return null;
    const dates = { subject, startedOn, endedOn: engagement.endedOn ?? null };
    // Every engagement of the request is read in one query (the loader's batch).
    const [rows, audience] = await Promise.all([
      loaders.pupilYearsOfSchool.load({ urn: toSchool.urn, ...yearsToLoad(dates) }),
      audienceOf('school', String(toSchool.urn), context, place),
    ]);
    return departmentProgressChange(dates, rows, audience, policyOf(context));
  },
};

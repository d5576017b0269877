import { randomUUID } from 'node:crypto';
import { badUserInput, forbidden } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canChangePupilsOf, canSeePupilsOf } from '../data/access.ts';
import { type CohortRow, insertCohort } from '../data/cohorts.ts';
import { isIsoDate } from '../rules/dates.ts';
import { adoptionImpact } from '../rules/impact.ts';

/**
 * A cohort's impact, batched with every other cohort and adoption of the request; null for an unknown one.
 * Exact for the school's staff and its trust's leaders; rounded for everyone else (aggregates only).
 */
export async function impactOf(cohortId: string, { loaders, settings, viewer }: ProgressContext) {
  const gains = await loaders.gainsOfCohort.load(cohortId);
  if (!gains) return null;
  const audience = canSeePupilsOf(viewer, gains.place) ? 'pupils' : 'aggregates';
  return adoptionImpact(
    gains.cohort,
    gains.others,
    { threshold: settings.suppressionThreshold, expectedPointsPerTerm: gains.expectedPointsPerTerm },
    audience,
  );
}

export const InterventionCohort = {
  __resolveReference: ({ id }: { id: string }, { loaders }: ProgressContext) => loaders.cohort.load(id),
  school: (cohort: CohortRow) => ({ urn: cohort.urn }),
  async pupils(cohort: CohortRow, _: unknown, context: ProgressContext) {
    const place = await context.loaders.place.load(cohort.urn);
    if (!place || !canSeePupilsOf(context.viewer, place))
      throw forbidden("Only the school's staff and its trust's leaders see who is in a cohort.");
    const ids = await context.loaders.membersOfCohort.load(cohort.id);
    return (await context.loaders.pupil.loadMany(ids)).filter((p) => p && !(p instanceof Error));
  },
  impact: async (cohort: CohortRow, _: unknown, context: ProgressContext) =>
    (await impactOf(cohort.id, context)) ??
    adoptionImpact([], [], { threshold: 0, expectedPointsPerTerm: 1 }),
};

/** The practice subgraph's Adoption: the gateway sends `{ id, cohort { id } }` to ask for `impact`. */
export const Adoption = {
  __resolveReference: (ref: { id: string; cohort?: { id: string } }) => ref,
  impact: (adoption: { cohort?: { id: string } }, _: unknown, context: ProgressContext) =>
    adoption.cohort ? impactOf(adoption.cohort.id, context) : null,
};

interface CreateCohortInput {
  subject: string;
  yearGroup: number;
  academicYear: number;
  startedOn: string;
  endedOn?: string | null;
  pupilIds: string[];
}

export const CohortMutation = {
  async createInterventionCohort(
    _: unknown,
    { input }: { input: CreateCohortInput },
    context: ProgressContext,
  ) {
    const { viewer, loaders, db } = context;
    if (viewer.role !== 'school_staff') throw forbidden('Only school staff create cohorts of their pupils.');
    const urn = viewer.urn;
    if (!Number.isInteger(input.yearGroup) || input.yearGroup < 0 || input.yearGroup > 13)
      throw badUserInput('yearGroup must be 0 (Reception) to 13', 'yearGroup');
    if (!Number.isInteger(input.academicYear) || input.academicYear < 2000 || input.academicYear > 2100)
      throw badUserInput('academicYear must be a year such as 2025 (for 2025/26)', 'academicYear');
    if (!isIsoDate(input.startedOn)) throw badUserInput('startedOn must be a date (YYYY-MM-DD)', 'startedOn');
    const endedOn = input.endedOn ?? null;
    if (endedOn !== null && (!isIsoDate(endedOn) || endedOn <= input.startedOn))
      throw badUserInput('endedOn must be a date (YYYY-MM-DD) after startedOn', 'endedOn');
    const ids = [...new Set(input.pupilIds)];
    if (ids.length === 0 || ids.length > 500)
      throw badUserInput('pupilIds must list 1–500 pupils', 'pupilIds');
    const pupils = await loaders.pupil.loadMany(ids);
    const wrong = ids.filter((_, i) => {
      const p = pupils[i];
      return !p || p instanceof Error || !canChangePupilsOf(viewer, p);
    });
    if (wrong.length > 0)
      throw badUserInput(`Not pupils of your school: ${wrong.slice(0, 10).join(', ')}.`, 'pupilIds');
    const otherYear = ids.filter((_, i) => {
      const p = pupils[i];
      return p && !(p instanceof Error) && input.academicYear - p.receptionYear !== input.yearGroup;
    });
    if (otherYear.length > 0)
      throw badUserInput(
        `Not in year ${input.yearGroup} in ${input.academicYear}: ${otherYear.slice(0, 10).join(', ')}.`,
        'pupilIds',
      );
    const cohort: CohortRow = {
      id: `K${urn}-${randomUUID()}`,
      urn,
      subject: input.subject,
      yearGroup: input.yearGroup,
      academicYear: input.academicYear,
      startedOn: input.startedOn,
      endedOn,
    };
    await db.transaction((tx) => insertCohort(tx, cohort, ids, `staff:${viewer.staffId}`));
    return cohort;
  },
};

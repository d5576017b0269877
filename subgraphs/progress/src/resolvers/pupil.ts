import { forbidden } from '@commonroom/subgraph-kit';
import { childrenOfViewer, type ProgressContext } from '../context.ts';
import {
  canSeeCharacteristicsOf,
  canSeePupil,
  canSeeUpnOf,
  isPupilThemselves,
  PUPIL_OWN_FIELDS,
} from '../data/access.ts';
import type { PupilRow } from '../data/queries.ts';
import {
  DEFAULT_VULNERABLE_REVIEW_WEEKS,
  isReviewOverdue,
  isVulnerable,
  reviewDueOn,
} from '../rules/reviews.ts';
import { entitlementOf } from './entitlement.ts';
import { reviewWeeksOf } from './reviews.ts';

/** A pupil the caller may see, or FORBIDDEN; null when there is no such pupil. */
export async function visiblePupil(id: string, context: ProgressContext) {
  const pupil = await context.loaders.pupil.load(id);
  if (!pupil) return null;
  if (
    !canSeePupil(context.viewer, pupil, await childrenOfViewer(context)) &&
    !isPupilThemselves(context.viewer, pupil)
  )
    throw forbidden('You may not see this pupil.');
  return pupil;
}

/** A field for the school's staff and trust leaders only: a carer gets null with FORBIDDEN. */
const staffOnly =
  <T>(read: (pupil: PupilRow) => T) =>
  (pupil: PupilRow, _: unknown, { viewer }: ProgressContext): T => {
    if (!canSeeCharacteristicsOf(viewer, pupil))
      throw forbidden("Only the pupil's school staff and trust leaders see this.");
    return read(pupil);
  };

const today = () => new Date().toISOString().slice(0, 10);

const PupilFields = {
  __resolveReference: ({ id }: { id: string }, context: ProgressContext) => visiblePupil(id, context),
  upn(pupil: PupilRow, _: unknown, { viewer }: ProgressContext) {
    if (!canSeeUpnOf(viewer, pupil))
      throw forbidden("Only the pupil's school staff and trust leaders see the UPN.");
    return pupil.upn;
  },
  dateOfBirth: staffOnly((p) => p.dateOfBirth),
  ethnicity: staffOnly((p) => p.ethnicity),
  disadvantaged: staffOnly((p) => p.disadvantaged),
  sen: staffOnly((p) => p.sen),
  lookedAfter: staffOnly((p) => p.lookedAfter),
  displayName: (pupil: PupilRow) => `${pupil.givenName} ${pupil.familyName}`,
  yearGroup: (pupil: PupilRow, { academicYear }: { academicYear?: number | null }) =>
    (academicYear ?? pupil.listedYear ?? pupil.onRollTo) - pupil.receptionYear,
  school: (pupil: PupilRow) => ({ urn: pupil.urn }),
  learningGuide: (pupil: PupilRow) => (pupil.learningGuideId ? { id: pupil.learningGuideId } : null),
  progressPlan: async (pupil: PupilRow, args: unknown, context: ProgressContext) =>
    (await staffOnly((p) => context.loaders.plansOfPupil.load(p.id))(pupil, args, context))[0] ?? null,
  progressPlans: (pupil: PupilRow, args: unknown, context: ProgressContext) =>
    staffOnly((p) => context.loaders.plansOfPupil.load(p.id))(pupil, args, context),
  results: (pupil: PupilRow, { academicYear }: { academicYear: number }, { loaders }: ProgressContext) =>
    loaders.resultsOfPupil.load({ key: pupil.id, args: { year: academicYear } }),
  /** @inaccessible: for the gateway's @requires from the parents subgraph's traffic lights. */
  async conceptResults(pupil: PupilRow, _: unknown, context: ProgressContext) {
    if (
      !canSeePupil(context.viewer, pupil, await childrenOfViewer(context)) &&
      !isPupilThemselves(context.viewer, pupil)
    )
      throw forbidden(
        "Only the pupil's school staff, trust leaders, carers and the pupil see concept results.",
      );
    return context.loaders.conceptResultsOfPupil.load(pupil.id);
  },
  async assessments(pupil: PupilRow, { subject }: { subject?: string | null }, { loaders }: ProgressContext) {
    const all = await loaders.assessmentsOfPupil.load(pupil.id);
    return subject ? all.filter((a) => a.subject === subject) : all;
  },
  learningTargets: (pupil: PupilRow, _: unknown, { loaders }: ProgressContext) =>
    loaders.targetsOfPupil.load(pupil.id),
  reviews: (pupil: PupilRow, _: unknown, { loaders }: ProgressContext) =>
    loaders.reviewsOfPupil.load(pupil.id),
  entitlement: (
    pupil: PupilRow,
    { academicYear }: { academicYear?: number | null },
    context: ProgressContext,
  ) => entitlementOf(pupil, academicYear ?? pupil.listedYear ?? pupil.onRollTo, context),
  /**
   * On the trust's cycle for a vulnerable pupil — but only for readers of their characteristics: a carer gets
   * the date set at the last review, which they see, so "overdue" cannot tell them what SEN or FSM are hidden.
   */
  async reviewOverdue(pupil: PupilRow, { asOf }: { asOf?: string | null }, context: ProgressContext) {
    const [latest] = await context.loaders.reviewsOfPupil.load(pupil.id);
    const vulnerable = canSeeCharacteristicsOf(context.viewer, pupil) && isVulnerable(pupil);
    const weeks = vulnerable ? await reviewWeeksOf(pupil.trustId, context) : DEFAULT_VULNERABLE_REVIEW_WEEKS;
    return isReviewOverdue(reviewDueOn(latest, vulnerable, weeks), asOf ?? today());
  },
};

type FieldResolver = (pupil: PupilRow, args: never, context: ProgressContext) => unknown;

/**
 * A signed-in pupil reaches their own record (`visiblePupil`), but reads only `PUPIL_OWN_FIELDS` of it: every
 * other field refuses them here, whatever it would give a carer.
 */
function ownFieldsOnlyForPupils<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(
    Object.entries(fields).map(([name, resolve]) => {
      if (name.startsWith('__') || PUPIL_OWN_FIELDS.has(name) || typeof resolve !== 'function')
        return [name, resolve];
      const guarded: FieldResolver = (pupil, args, context) => {
        if (context.viewer.role === 'pupil')
          throw forbidden('A pupil sees their own traffic lights and learning targets, not this.');
        return (resolve as FieldResolver)(pupil, args, context);
      };
      return [name, guarded];
    }),
  ) as T;
}

/** Fields that have no resolver of their own (read from the row) but are not a pupil's to read. */
const rowField =
  <K extends keyof PupilRow>(key: K) =>
  (pupil: PupilRow) =>
    pupil[key];

export const Pupil = ownFieldsOnlyForPupils({
  ...PupilFields,
  sex: rowField('sex'),
  eal: rowField('eal'),
});

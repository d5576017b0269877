import { forbidden } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canSeePupilsOf, canSeeUpnOf } from '../data/access.ts';
import type { PupilRow } from '../data/queries.ts';
import { entitlementOf } from './entitlement.ts';

/** A pupil the caller may see, or FORBIDDEN; null when there is no such pupil. */
export async function visiblePupil(id: string, { viewer, loaders }: ProgressContext) {
  const pupil = await loaders.pupil.load(id);
  if (!pupil) return null;
  if (!canSeePupilsOf(viewer, pupil)) throw forbidden('You may not see this pupil.');
  return pupil;
}

const today = () => new Date().toISOString().slice(0, 10);

export const Pupil = {
  __resolveReference: ({ id }: { id: string }, context: ProgressContext) => visiblePupil(id, context),
  upn(pupil: PupilRow, _: unknown, { viewer }: ProgressContext) {
    if (!canSeeUpnOf(viewer, pupil))
      throw forbidden("Only the pupil's school staff and trust leaders see the UPN.");
    return pupil.upn;
  },
  displayName: (pupil: PupilRow) => `${pupil.givenName} ${pupil.familyName}`,
  yearGroup: (pupil: PupilRow, { academicYear }: { academicYear?: number | null }) =>
    (academicYear ?? pupil.listedYear ?? pupil.onRollTo) - pupil.receptionYear,
  school: (pupil: PupilRow) => ({ urn: pupil.urn }),
  learningGuide: (pupil: PupilRow) => (pupil.learningGuideId ? { id: pupil.learningGuideId } : null),
  progressPlan: async (pupil: PupilRow, _: unknown, { loaders }: ProgressContext) =>
    (await loaders.plansOfPupil.load(pupil.id))[0] ?? null,
  progressPlans: (pupil: PupilRow, _: unknown, { loaders }: ProgressContext) =>
    loaders.plansOfPupil.load(pupil.id),
  results: (pupil: PupilRow, { academicYear }: { academicYear: number }, { loaders }: ProgressContext) =>
    loaders.resultsOfPupil.load({ key: pupil.id, args: { year: academicYear } }),
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
  async reviewOverdue(pupil: PupilRow, { asOf }: { asOf?: string | null }, { loaders }: ProgressContext) {
    const [latest] = await loaders.reviewsOfPupil.load(pupil.id);
    return latest ? latest.nextReviewOn < (asOf ?? today()) : true;
  },
};

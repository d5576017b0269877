import type { ProgressContext } from '../context.ts';
import type { PlanRow, ReviewRow, TargetRow } from '../data/queries.ts';
import { visiblePupil } from './pupil.ts';

export const ProgressPlan = {
  pupil: (plan: PlanRow, _: unknown, context: ProgressContext) => visiblePupil(plan.pupilId, context),
  owner: (plan: PlanRow) => ({ id: plan.ownerId }),
};

export const LearningTarget = {
  ratings: (target: TargetRow, _: unknown, { loaders }: ProgressContext) =>
    loaders.ratingsOfTarget.load(target.id),
};

export const TargetRating = {
  ratedBy: (rating: { ratedBy: string }) => ({ id: rating.ratedBy }),
};

export const Review = {
  reviewer: (review: ReviewRow) => ({ id: review.reviewerId }),
};

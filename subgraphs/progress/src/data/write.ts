import { randomUUID } from 'node:crypto';
import type { Db } from '@commonroom/db';
import { and, eq, sql } from 'drizzle-orm';
import { learningTargets, progressPlans, pupils, reviews, targetRatings } from './tables.ts';

/** Writes behind the mutations; callers have checked access and validated input. */

export async function insertPlan(
  db: Db,
  plan: {
    pupilId: string;
    urn: number;
    barriers: string;
    actions: string;
    ownerId: string;
    reviewOn: string;
    startedOn: string;
  },
) {
  const id = `PP-${randomUUID()}`;
  await db.insert(progressPlans).values({ id, ...plan });
  return id;
}

export async function updatePlan(
  db: Db,
  id: string,
  changes: Partial<{
    barriers: string;
    actions: string;
    ownerId: string;
    reviewOn: string;
    closedOn: string;
  }>,
) {
  await db
    .update(progressPlans)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(progressPlans.id, id));
}

export async function setLearningGuide(db: Db, pupilId: string, staffId: string) {
  await db.update(pupils).set({ learningGuideId: staffId }).where(eq(pupils.id, pupilId));
}

export async function insertTarget(
  db: Db,
  target: {
    pupilId: string;
    urn: number;
    kind: 'ACADEMIC' | 'NON_COGNITIVE';
    area: string;
    description: string;
    setOn: string;
  },
) {
  const id = `LT-${randomUUID()}`;
  await db.insert(learningTargets).values({ id, ...target });
  return id;
}

export async function upsertRating(
  db: Db,
  targetId: string,
  ratedOn: string,
  rating: number,
  ratedBy: string,
) {
  await db
    .insert(targetRatings)
    .values({ targetId, ratedOn, rating, ratedBy })
    .onConflictDoUpdate({
      target: [targetRatings.targetId, targetRatings.ratedOn],
      set: { rating, ratedBy },
    });
  if (rating === 4)
    await db
      .update(learningTargets)
      .set({ achievedOn: ratedOn })
      .where(and(eq(learningTargets.id, targetId), sql`${learningTargets.achievedOn} is null`));
}

export async function insertReview(
  db: Db,
  review: {
    pupilId: string;
    urn: number;
    reviewerId: string;
    heldOn: string;
    notes: string;
    nextReviewOn: string;
  },
) {
  const id = `RV-${randomUUID()}`;
  await db.insert(reviews).values({ id, ...review });
  return id;
}

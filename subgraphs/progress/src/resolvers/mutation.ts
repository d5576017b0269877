import { auditOf, badUserInput, forbidden, notFound } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { canChangePupilsOf } from '../data/access.ts';
import { importAssessments } from '../data/import.ts';
import { planById, targetById } from '../data/queries.ts';
import { SUBJECTS } from '../data/tables.ts';
import * as write from '../data/write.ts';
import { daysBetween, isIsoDate, todayIso } from '../rules/dates.ts';

/** The pupil, if the caller (staff of the pupil's school) may change their records. */
async function changeablePupil(pupilId: string, field: string, { viewer, loaders }: ProgressContext) {
  const pupil = await loaders.pupil.load(pupilId);
  if (!pupil) throw badUserInput(`No pupil with id ${pupilId}.`, field);
  if (!canChangePupilsOf(viewer, pupil))
    throw forbidden("Only the staff of the pupil's school may change this.");
  return pupil;
}

export function text(value: string | null | undefined, field: string, max = 2000) {
  const trimmed = (value ?? '').trim();
  if (!trimmed) throw badUserInput(`${field} must not be empty`, field);
  if (trimmed.length > max) throw badUserInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

export function date(value: string, field: string) {
  if (!isIsoDate(value)) throw badUserInput(`${field} must be a date (YYYY-MM-DD), got "${value}"`, field);
  return value;
}

function notFuture(value: string, field: string) {
  if (date(value, field) > todayIso()) throw badUserInput(`${field} ${value} is in the future`, field);
  return value;
}

function reviewWithin(value: string, from: string, maxDays: number, field: string) {
  const days = daysBetween(from, date(value, field));
  if (days < 0 || days > maxDays)
    throw badUserInput(`${field} must be within ${maxDays} days after ${from}, got ${value}`, field);
  return value;
}

function staffId(value: string | null | undefined, field: string) {
  const id = text(value, field, 64);
  if (!/^[A-Za-z0-9-]+$/.test(id)) throw badUserInput(`${field} is not a staff id`, field);
  return id;
}

async function changeablePlan(id: string, context: ProgressContext) {
  const plan = await planById(context.db, id);
  if (!plan) throw notFound(`No progress plan with id ${id}.`);
  await changeablePupil(plan.pupilId, 'id', context);
  return plan;
}

export const Mutation = {
  async createProgressPlan(
    _: unknown,
    {
      input,
    }: {
      input: {
        pupilId: string;
        barriers: string;
        actions: string;
        ownerId?: string | null;
        reviewOn: string;
      };
    },
    context: ProgressContext,
  ) {
    const pupil = await changeablePupil(input.pupilId, 'pupilId', context);
    const today = todayIso();
    const plan = {
      pupilId: pupil.id,
      urn: pupil.urn,
      barriers: text(input.barriers, 'barriers'),
      actions: text(input.actions, 'actions'),
      ownerId:
        input.ownerId == null
          ? (context.viewer as { staffId: string }).staffId
          : staffId(input.ownerId, 'ownerId'),
      reviewOn: reviewWithin(input.reviewOn, today, 16 * 7, 'reviewOn'),
      startedOn: today,
    };
    return planById(context.db, await write.insertPlan(context.db, plan));
  },

  async updateProgressPlan(
    _: unknown,
    {
      id,
      input,
    }: {
      id: string;
      input: {
        barriers?: string | null;
        actions?: string | null;
        ownerId?: string | null;
        reviewOn?: string | null;
        closedOn?: string | null;
      };
    },
    context: ProgressContext,
  ) {
    const plan = await changeablePlan(id, context);
    const changes: Parameters<typeof write.updatePlan>[2] = {};
    if (input.barriers != null) changes.barriers = text(input.barriers, 'barriers');
    if (input.actions != null) changes.actions = text(input.actions, 'actions');
    if (input.ownerId != null) changes.ownerId = staffId(input.ownerId, 'ownerId');
    if (input.reviewOn != null)
      changes.reviewOn = reviewWithin(input.reviewOn, todayIso(), 16 * 7, 'reviewOn');
    if (input.closedOn != null) {
      changes.closedOn = notFuture(input.closedOn, 'closedOn');
      if (changes.closedOn < plan.startedOn)
        throw badUserInput(`closedOn must not be before the plan started (${plan.startedOn})`, 'closedOn');
    }
    if (Object.keys(changes).length === 0) throw badUserInput('Nothing to change.', 'input');
    await write.updatePlan(context.db, id, changes);
    return planById(context.db, id);
  },

  async assignLearningGuide(
    _: unknown,
    args: { pupilId: string; staffId: string },
    context: ProgressContext,
  ) {
    const pupil = await changeablePupil(args.pupilId, 'pupilId', context);
    const guide = staffId(args.staffId, 'staffId');
    await write.setLearningGuide(context.db, pupil.id, guide);
    return { ...pupil, learningGuideId: guide };
  },

  async addLearningTarget(
    _: unknown,
    {
      input,
    }: { input: { pupilId: string; kind: 'ACADEMIC' | 'NON_COGNITIVE'; area: string; description: string } },
    context: ProgressContext,
  ) {
    const pupil = await changeablePupil(input.pupilId, 'pupilId', context);
    const area = text(input.area, 'area', 64).toUpperCase();
    if (input.kind === 'ACADEMIC' && !(SUBJECTS as readonly string[]).includes(area))
      throw badUserInput(`An academic target's area must be a subject (${SUBJECTS.join(', ')})`, 'area');
    const id = await write.insertTarget(context.db, {
      pupilId: pupil.id,
      urn: pupil.urn,
      kind: input.kind,
      area,
      description: text(input.description, 'description'),
      setOn: todayIso(),
    });
    return targetById(context.db, id);
  },

  async rateLearningTarget(
    _: unknown,
    args: { targetId: string; rating: number; ratedOn: string },
    context: ProgressContext,
  ) {
    const target = await targetById(context.db, args.targetId);
    if (!target) throw notFound(`No learning target with id ${args.targetId}.`);
    await changeablePupil(target.pupilId, 'targetId', context);
    if (!Number.isInteger(args.rating) || args.rating < 1 || args.rating > 4)
      throw badUserInput('rating must be 1, 2, 3 or 4', 'rating');
    const ratedOn = notFuture(args.ratedOn, 'ratedOn');
    if (ratedOn < target.setOn)
      throw badUserInput(`ratedOn must not be before the target was set (${target.setOn})`, 'ratedOn');
    await write.upsertRating(
      context.db,
      target.id,
      ratedOn,
      args.rating,
      (context.viewer as { staffId: string }).staffId,
    );
    return targetById(context.db, target.id);
  },

  async recordReview(
    _: unknown,
    { input }: { input: { pupilId: string; heldOn: string; notes: string; nextReviewOn: string } },
    context: ProgressContext,
  ) {
    const pupil = await changeablePupil(input.pupilId, 'pupilId', context);
    const heldOn = notFuture(input.heldOn, 'heldOn');
    const nextReviewOn = reviewWithin(input.nextReviewOn, heldOn, 8 * 7, 'nextReviewOn');
    if (nextReviewOn === heldOn) throw badUserInput('nextReviewOn must be after heldOn', 'nextReviewOn');
    const review = {
      pupilId: pupil.id,
      urn: pupil.urn,
      reviewerId: (context.viewer as { staffId: string }).staffId,
      heldOn,
      notes: text(input.notes, 'notes', 4000),
      nextReviewOn,
    };
    const id = await write.insertReview(context.db, review);
    return { id, ...review };
  },

  async importAssessments(_: unknown, { csv }: { csv: string }, context: ProgressContext) {
    const { viewer, db } = context;
    if (viewer.role !== 'school_staff') throw forbidden("Only a school's staff may import its assessments.");
    const result = await importAssessments(db, csv, { onlyUrn: viewer.urn });
    // The audit trail names every pupil the file changed or confirmed, not only the school.
    if (result.ok) auditOf(context)?.notePupils(result.pupilIds, viewer.urn);
    if (!result.ok)
      throw badUserInput(
        `The file was not imported; nothing was written. ${result.errors.length} bad line(s): ${result.errors
          .slice(0, 20)
          .map((e) => `line ${e.line}: ${e.message}`)
          .join('; ')}`,
        'csv',
        { lines: result.errors },
      );
    return result;
  },
};

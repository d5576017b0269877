import { type Concept, isConcept, SUBJECT_OF_CONCEPT } from '@commonroom/domain';
import { badUserInput, forbidden } from '@commonroom/subgraph-kit';
import type { ParentsContext } from '../context.ts';
import { clearTeacherStatus, type NewTeacherStatus, setTeacherStatus } from '../data/teacher-statuses.ts';
import type { TrafficLightStatus } from '../rules/traffic-lights.ts';
import { requireChild } from './access.ts';

const MAX_REASON = 500;

interface LightKeyInput {
  pupilId: string;
  assessedOn: string;
  subject: string;
  concept: string;
}

/** YYYY-MM-DD naming a real day, not after today. */
function assessmentDate(value: string, today = new Date()) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw badUserInput('assessedOn is the ISO date of the assessment (YYYY-MM-DD).', 'assessedOn');
  if (value > today.toISOString().slice(0, 10))
    throw badUserInput(
      'assessedOn is in the future: set a light for an assessment already taken.',
      'assessedOn',
    );
  return value;
}

/**
 * Who may set or clear a child's light: the staff of the child's school, nobody else (FORBIDDEN). Then the key is
 * checked: a subject with concept-level lights, a concept of that subject, a real assessment date.
 */
async function checkedKey(input: LightKeyInput, context: ParentsContext) {
  const { viewer } = context;
  if (viewer.role !== 'school_staff') throw forbidden("Only the child's school sets a traffic light.");
  const pupil = await requireChild(input.pupilId, context);
  const subject = input.subject;
  if (subject !== 'READING' && subject !== 'WRITING' && subject !== 'MATHS')
    throw badUserInput('Traffic lights are given in READING, WRITING and MATHS.', 'subject');
  if (!isConcept(input.concept) || SUBJECT_OF_CONCEPT[input.concept as Concept] !== subject)
    throw badUserInput(`${input.concept} is not a concept of ${subject}.`, 'concept');
  return {
    staffId: viewer.staffId,
    pupil,
    key: { pupilId: pupil.id, assessedOn: assessmentDate(input.assessedOn), subject, concept: input.concept },
  } as const;
}

type StoredStatus = Awaited<ReturnType<typeof setTeacherStatus>>;

export const TeacherLightMutation = {
  async setTrafficLight(
    _: unknown,
    { input }: { input: LightKeyInput & { status: TrafficLightStatus; reason: string } },
    context: ParentsContext,
  ) {
    const { staffId, pupil, key } = await checkedKey(input, context);
    const reason = input.reason.trim();
    if (reason.length === 0) throw badUserInput('Say why, in words for the carer.', 'reason');
    if (reason.length > MAX_REASON) throw badUserInput(`At most ${MAX_REASON} characters.`, 'reason');
    const status: NewTeacherStatus & { setByStaffId: string; reason: string } = {
      ...key,
      urn: pupil.urn,
      status: input.status,
      setByStaffId: staffId,
      reason,
    };
    return setTeacherStatus(context.db, status);
  },

  async clearTrafficLight(_: unknown, { input }: { input: LightKeyInput }, context: ParentsContext) {
    const { key } = await checkedKey(input, context);
    const removed = await clearTeacherStatus(context.db, key);
    return { ...key, removed: removed !== null };
  },
};

/** The stored row of a teacher's status, as `TeacherTrafficLight`. */
export const TeacherTrafficLight = {
  pupil: (row: StoredStatus, _: unknown, context: ParentsContext) => context.loaders.pupil.load(row.pupilId),
  setBy: (row: StoredStatus) => (row.setByStaffId ? { id: row.setByStaffId } : null),
  setAt: (row: StoredStatus) => row.setAt.toISOString(),
};

export const ClearedTrafficLight = {
  pupil: (row: { pupilId: string }, _: unknown, context: ParentsContext) =>
    context.loaders.pupil.load(row.pupilId),
};

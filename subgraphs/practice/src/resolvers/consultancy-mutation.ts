import type { Viewer } from '@commonroom/auth';
import { badUserInput, conflict, forbidden, found, notFound } from '@commonroom/subgraph-kit';
import type { PracticeContext } from '../context.ts';
import { closeConsultancyOn, insertConsultancy, setConsultancyTeam } from '../data/consultancies.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { isoDate, isStaffOf } from '../rules/inputs.ts';

const MAX_TEAM = 20;
const MAX_AIMS = 2000;

/**
 * The schools involved — the staff of the supporting or the receiving school — or a leader of a trust either
 * school is in (from this subgraph's copy of the school directory, both schools in one batch).
 */
async function mayRun(viewer: Viewer, urns: [number, number], { loaders }: PracticeContext) {
  if (viewer.role === 'school_staff') return urns.includes(viewer.urn);
  if (viewer.role !== 'trust_leader') return false;
  const schools = await loaders.directory.loadMany(urns);
  return found(schools).some((s) => s.trustId === viewer.trustId);
}

function team(ids: readonly string[], fromUrn: number, field: string) {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > MAX_TEAM)
    throw badUserInput(`A team is 1–${MAX_TEAM} staff.`, field);
  const outsider = unique.find((id) => !isStaffOf(id, fromUrn));
  if (outsider) throw badUserInput(`${outsider} is not on the supporting school's staff.`, field);
  return unique;
}

const today = () => new Date().toISOString().slice(0, 10);

/** An engagement the caller may change, or FORBIDDEN; NOT_FOUND for an unknown id. */
async function changeable(id: string, context: PracticeContext) {
  if (context.viewer.role !== 'school_staff' && context.viewer.role !== 'trust_leader')
    throw forbidden('Consultancy engagements are run by the schools involved or their trust.');
  const engagement = await context.loaders.consultancy.load(id);
  if (!engagement) throw notFound(`No consultancy engagement ${id}.`);
  if (!(await mayRun(context.viewer, [engagement.fromUrn, engagement.toUrn], context)))
    throw forbidden('Only the schools involved, or their trust, change an engagement.');
  return engagement;
}

export const ConsultancyMutation: MutationResolvers = {
  async startConsultancy(_, { input }, context) {
    if (!(await mayRun(context.viewer, [input.fromUrn, input.toUrn], context)))
      throw forbidden('Only the schools involved, or their trust, start an engagement.');
    if (input.toUrn === input.fromUrn)
      throw badUserInput('The receiving school is another school.', 'input.toUrn');
    const [from, to] = await context.loaders.directory.loadMany([input.fromUrn, input.toUrn]);
    if (!from || from instanceof Error) throw badUserInput(`No school ${input.fromUrn}.`, 'input.fromUrn');
    if (!to || to instanceof Error) throw badUserInput(`No school ${input.toUrn}.`, 'input.toUrn');
    const code = (urn: number, id: string) => new RegExp(`^D${urn}-([A-Z]{2,8})$`).exec(id)?.[1];
    const fromCode = code(input.fromUrn, input.fromDepartmentId);
    if (!fromCode)
      throw badUserInput(
        `A department of ${input.fromUrn} is D${input.fromUrn}-<code>.`,
        'input.fromDepartmentId',
      );
    if (code(input.toUrn, input.toDepartmentId) !== fromCode)
      throw badUserInput(`The receiving department is D${input.toUrn}-${fromCode}.`, 'input.toDepartmentId');
    const subject = input.subject.trim().toUpperCase();
    if (!/^[A-Z_]{2,32}$/.test(subject))
      throw badUserInput('A subject like MATHS or ENGLISH.', 'input.subject');
    const aims = input.aims.trim();
    if (aims.length === 0 || aims.length > MAX_AIMS)
      throw badUserInput(`Aims are 1–${MAX_AIMS} characters.`, 'input.aims');
    const startedOn = isoDate(input.startedOn, 'startedOn');
    return insertConsultancy(context.db, {
      fromUrn: input.fromUrn,
      fromDepartmentId: input.fromDepartmentId,
      toUrn: input.toUrn,
      toDepartmentId: input.toDepartmentId,
      subject,
      teamStaffIds: team(input.teamStaffIds, input.fromUrn, 'teamStaffIds'),
      aims,
      startedOn,
    });
  },

  async staffConsultancy(_, args: { id: string; teamStaffIds: string[] }, context) {
    const engagement = await changeable(args.id, context);
    const ids = team(args.teamStaffIds, engagement.fromUrn, 'teamStaffIds');
    const row = await setConsultancyTeam(context.db, engagement.id, ids);
    if (!row) throw conflict('That engagement is closed.', { field: 'id' });
    return row;
  },

  async closeConsultancy(_, args: { id: string; endedOn: string }, context) {
    const engagement = await changeable(args.id, context);
    const endedOn = args.endedOn;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endedOn))
      throw badUserInput('endedOn is a date like 2026-07-17.', 'endedOn');
    const day = new Date(`${endedOn}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== endedOn)
      throw badUserInput('endedOn is not a real date.', 'endedOn');
    if (endedOn < engagement.startedOn)
      throw badUserInput(`endedOn is not before it started (${engagement.startedOn}).`, 'endedOn');
    if (endedOn > today()) throw badUserInput('endedOn is not in the future.', 'endedOn');
    if (engagement.endedOn === endedOn) return engagement;
    const row = await closeConsultancyOn(context.db, engagement.id, endedOn);
    if (!row) throw conflict(`That engagement closed on ${engagement.endedOn}.`, { field: 'id' });
    return row;
  },
};

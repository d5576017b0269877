import { forbidden, isNumberKey, readPage, toConnection } from '@commonroom/subgraph-kit';
import type { ParentsContext } from '../context.ts';
import { canSeeCarersOf } from '../data/access.ts';
import type { MessageScope, PupilRow } from '../data/queries.ts';
import { latestTrafficLights, type PeriodicConceptResult } from '../rules/traffic-lights.ts';
import { viewerLanguage, visibleChild } from './access.ts';

/**
 * A pupil here: the directory row, and — when the gateway resolves `trafficLights` — the progress subgraph's
 * concept results it fetched for the @requires (in the representation; null when progress refused them).
 */
type Child = PupilRow & { conceptResults?: PeriodicConceptResult[] | null };

function scopeOf(context: ParentsContext): MessageScope {
  return context.viewer.role === 'carer'
    ? { carerId: context.viewer.carerId, side: 'CARER' }
    : { carerId: null, side: 'SCHOOL' };
}

/**
 * Every field re-checks the caller against the child, since a Pupil can also arrive here as the parent
 * object of another field (a carer's children, a message's pupil), not only through `_entities`.
 */
async function check(pupil: PupilRow, context: ParentsContext, pupilThemselves = false) {
  const visible = await visibleChild(pupil.id, context, pupilThemselves);
  if (!visible) throw forbidden('You may not see this child.');
  return visible;
}

export const Pupil = {
  async __resolveReference(
    { id, conceptResults }: { id: string; conceptResults?: PeriodicConceptResult[] | null },
    context: ParentsContext,
  ): Promise<Child | null> {
    const pupil = await visibleChild(id, context, true);
    return pupil && { ...pupil, conceptResults: conceptResults ?? null };
  },
  async carers(pupil: PupilRow, _: unknown, context: ParentsContext) {
    if (!canSeeCarersOf(context.viewer, pupil))
      throw forbidden("Only the staff of the child's school see the child's carers.");
    return context.loaders.linksOfPupil.load(pupil.id);
  },
  /**
   * Worked out from the concept results the gateway brings from the progress subgraph (@requires), with the
   * teachers' own statuses stored here (one query for every pupil in the request). Points stay here.
   */
  async trafficLights(
    pupil: Child,
    { academicYear }: { academicYear?: number | null },
    context: ParentsContext,
  ) {
    await check(pupil, context, true);
    // A pupil's lights come only from concept results progress released to them (it refuses a pupil below
    // Year 5, and the gateway then brings none): without them, nothing.
    if (context.viewer.role === 'pupil' && !pupil.conceptResults)
      throw forbidden('Pupils see their own traffic lights from Year 5.');
    const [teacherStatuses, language] = await Promise.all([
      context.loaders.teacherStatuses.load(pupil.id),
      viewerLanguage(context),
    ]);
    const lights = latestTrafficLights(pupil.conceptResults ?? [], teacherStatuses, academicYear ?? null);
    return lights.map((light) => ({ ...light, viewerLanguage: language }));
  },
  async messages(
    pupil: PupilRow,
    args: { first?: number | null; after?: string | null },
    context: ParentsContext,
  ) {
    await check(pupil, context);
    const page = readPage(args, isNumberKey, 20);
    const scope = scopeOf(context);
    const [rows, counts] = await Promise.all([
      context.loaders.messagePage.load({
        key: pupil.id,
        args: { ...scope, limit: page.limit, beforeId: page.after },
      }),
      context.loaders.messageCounts.load({ key: pupil.id, args: scope }),
    ]);
    return { ...toConnection(rows, page.limit, (m) => m.id, counts.total), unreadCount: counts.unread };
  },
  async consultationSlots(pupil: PupilRow, { from }: { from?: string | null }, context: ParentsContext) {
    await check(pupil, context);
    if (!pupil.learningGuideId) return [];
    const slots = await context.loaders.slotsOfStaff.load(pupil.learningGuideId);
    const { viewer } = context;
    const since = from ? new Date(from) : null;
    return slots.filter(
      (s) =>
        (since === null || s.startsAt >= since) &&
        (s.bookedByCarerId === null ||
          viewer.role === 'school_staff' ||
          (viewer.role === 'carer' && s.bookedByCarerId === viewer.carerId)),
    );
  },
};

import { forbidden, notFound } from '@commonroom/subgraph-kit';
import type { ParentsContext } from '../context.ts';
import { canSeeChild, isPupilThemselves } from '../data/access.ts';

/**
 * A child the caller may see here, or FORBIDDEN; null when there is no such pupil. `pupilThemselves`: the
 * signed-in pupil may reach their own record too (for their traffic lights only).
 */
export async function visibleChild(id: string, context: ParentsContext, pupilThemselves = false) {
  const pupil = await context.loaders.pupil.load(id);
  if (!pupil) return null;
  const own = pupilThemselves && isPupilThemselves(context.viewer, pupil);
  if (!own && !canSeeChild(context.viewer, pupil, await context.myChildren()))
    throw forbidden('You may not see this child.');
  return pupil;
}

/** As visibleChild, for mutations: a missing pupil is NOT_FOUND naming the field. */
export async function requireChild(id: string, context: ParentsContext) {
  const pupil = await visibleChild(id, context);
  if (!pupil) throw notFound(`No pupil ${id}.`);
  return pupil;
}

/** The language a carer reads labels in; staff and others read English unless they ask. */
export async function viewerLanguage({ viewer, loaders }: ParentsContext): Promise<string> {
  if (viewer.role !== 'carer') return 'en';
  return (await loaders.carer.load(viewer.carerId))?.preferredLanguage ?? 'en';
}

import { forbidden } from '@commonroom/subgraph-kit';
import type { ParentsContext } from '../context.ts';
import { canSeeCarer, schoolsOfChild } from '../data/access.ts';
import type { Loaders } from '../data/loaders.ts';
import type { CarerRow, PupilRow } from '../data/queries.ts';

async function childrenOf(links: readonly { pupilId: string }[], loaders: Loaders): Promise<PupilRow[]> {
  if (links.length === 0) return [];
  const pupils = await loaders.pupil.loadMany(links.map((l) => l.pupilId));
  return pupils.filter((p): p is PupilRow => p !== null && !(p instanceof Error));
}

export const Carer = {
  async __resolveReference({ id }: { id: string }, { viewer, loaders }: ParentsContext) {
    const [carer, links] = await Promise.all([loaders.carer.load(id), loaders.linksOfCarer.load(id)]);
    if (!carer) return null;
    const schools = links.map((l) => l.urn);
    // Only staff of another school need the children's former schools (a pupil who left them lately).
    const visible =
      canSeeCarer(viewer, carer.id, schools) ||
      (viewer.role === 'school_staff' &&
        canSeeCarer(
          viewer,
          carer.id,
          (await childrenOf(links, loaders)).flatMap((c) => schoolsOfChild(c)),
        ));
    if (!visible) throw forbidden('You may not see this carer.');
    return carer;
  },
  displayName: (carer: CarerRow) => `${carer.givenName} ${carer.familyName}`,
  async links(carer: CarerRow, _: unknown, { viewer, loaders }: ParentsContext) {
    const links = await loaders.linksOfCarer.load(carer.id);
    if (viewer.role !== 'school_staff') return links;
    // Staff see the carer's links to their own school's pupils only (and a pupil who left, until the leaving date).
    const elsewhere = links.filter((l) => l.urn !== viewer.urn);
    const leftLately = new Set(
      (await childrenOf(elsewhere, loaders))
        .filter((c) => schoolsOfChild(c).includes(viewer.urn))
        .map((c) => c.id),
    );
    return links.filter((l) => l.urn === viewer.urn || leftLately.has(l.pupilId));
  },
  async children(carer: CarerRow, args: unknown, context: ParentsContext) {
    return childrenOf(await Carer.links(carer, args, context), context.loaders);
  },
  async consultations(carer: CarerRow, _: unknown, { viewer, loaders }: ParentsContext) {
    const slots = await loaders.slotsOfCarer.load(carer.id);
    return viewer.role === 'school_staff' ? slots.filter((s) => s.urn === viewer.urn) : slots;
  },
};

export const CarerLink = {
  carer: (link: { carerId: string }, _: unknown, { loaders }: ParentsContext) =>
    loaders.carer.load(link.carerId),
  pupil: (link: { pupilId: string }, _: unknown, { loaders }: ParentsContext) =>
    loaders.pupil.load(link.pupilId),
};

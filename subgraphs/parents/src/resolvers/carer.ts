import { forbidden } from '@commonroom/subgraph-kit';
import type { ParentsContext } from '../context.ts';
import { canSeeCarer } from '../data/access.ts';
import type { CarerRow, PupilRow } from '../data/queries.ts';

export const Carer = {
  async __resolveReference({ id }: { id: string }, { viewer, loaders }: ParentsContext) {
    const [carer, links] = await Promise.all([loaders.carer.load(id), loaders.linksOfCarer.load(id)]);
    if (!carer) return null;
    if (
      !canSeeCarer(
        viewer,
        carer.id,
        links.map((l) => l.urn),
      )
    )
      throw forbidden('You may not see this carer.');
    return carer;
  },
  displayName: (carer: CarerRow) => `${carer.givenName} ${carer.familyName}`,
  async links(carer: CarerRow, _: unknown, { viewer, loaders }: ParentsContext) {
    const links = await loaders.linksOfCarer.load(carer.id);
    // Staff see the carer's links to their own school's pupils only.
    return viewer.role === 'school_staff' ? links.filter((l) => l.urn === viewer.urn) : links;
  },
  async children(carer: CarerRow, args: unknown, context: ParentsContext) {
    const links = await Carer.links(carer, args, context);
    const pupils = await context.loaders.pupil.loadMany(links.map((l) => l.pupilId));
    return pupils.filter((p): p is PupilRow => p !== null && !(p instanceof Error));
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

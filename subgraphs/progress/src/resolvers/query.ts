import { forbidden, isStringKey, readPage, toConnection } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { allScales, pupilsOfGuide } from '../data/queries.ts';
import { bookingsOfProvider } from '../data/support.ts';
import { visiblePupil } from './pupil.ts';

export const Query = {
  pupil: (_: unknown, { id }: { id: string }, context: ProgressContext) => visiblePupil(id, context),
  myPupils(_: unknown, __: unknown, { viewer, db }: ProgressContext) {
    if (viewer.role !== 'school_staff') throw forbidden('Only school staff have pupils to guide.');
    return pupilsOfGuide(db, viewer.staffId, viewer.urn);
  },
  assessmentScales: (_: unknown, __: unknown, { db }: ProgressContext) => allScales(db),
  /** A provider sees the bookings made with them and nothing else (the learner's name and year group). */
  async providerBookings(
    _: unknown,
    args: { first?: number | null; after?: string | null },
    { viewer, db }: ProgressContext,
  ) {
    const page = readPage(args, isStringKey);
    if (viewer.role !== 'provider') throw forbidden('Only a provider has bookings made with them.');
    const { rows, total } = await bookingsOfProvider(db, viewer.providerId, page.limit, page.after);
    return toConnection(rows, page.limit, (b) => b.id, total);
  },
};

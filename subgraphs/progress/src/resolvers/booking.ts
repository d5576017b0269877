import { notFound } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import type { BookingRow } from '../data/support.ts';
import { poundsOf } from '../rules/entitlement.ts';
import { visiblePupil } from './pupil.ts';

/** A booking reaches the caller only through a pupil they may see, or providerBookings for its provider. */
export const Booking = {
  async option(booking: BookingRow, _: unknown, { loaders }: ProgressContext) {
    const option = await loaders.option.load(booking.optionId);
    if (!option) throw notFound(`No support option ${booking.optionId}.`);
    return option;
  },
  cost: (booking: BookingRow) => poundsOf(booking.costPence),
  school: (booking: BookingRow) => ({ urn: booking.urn }),
  learner: (booking: BookingRow) => ({
    displayName: booking.learnerName,
    yearGroup: booking.learnerYearGroup,
  }),
  pupil: (booking: BookingRow, _: unknown, context: ProgressContext) =>
    visiblePupil(booking.pupilId, context),
};

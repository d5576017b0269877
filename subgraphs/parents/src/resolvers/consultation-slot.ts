import type { ParentsContext } from '../context.ts';
import type { SlotRow } from '../data/queries.ts';

/** Who booked a slot is shown only to the carer who booked it and to the school's staff. */
function maySeeBooking(slot: SlotRow, { viewer }: ParentsContext): boolean {
  if (viewer.role === 'school_staff') return viewer.urn === slot.urn;
  return viewer.role === 'carer' && viewer.carerId === slot.bookedByCarerId;
}

export const ConsultationSlot = {
  learningGuide: (slot: SlotRow) => ({ id: slot.staffId }),
  school: (slot: SlotRow) => ({ urn: slot.urn }),
  startsAt: (slot: SlotRow) => slot.startsAt.toISOString(),
  endsAt: (slot: SlotRow) => slot.endsAt.toISOString(),
  booked: (slot: SlotRow) => slot.bookedByCarerId !== null,
  bookedBy: (slot: SlotRow, _: unknown, context: ParentsContext) =>
    slot.bookedByCarerId && maySeeBooking(slot, context)
      ? context.loaders.carer.load(slot.bookedByCarerId)
      : null,
  bookedFor: (slot: SlotRow, _: unknown, context: ParentsContext) =>
    slot.bookedForPupilId && maySeeBooking(slot, context)
      ? context.loaders.pupil.load(slot.bookedForPupilId)
      : null,
};

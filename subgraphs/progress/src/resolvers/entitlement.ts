import type { ProgressContext } from '../context.ts';
import type { PupilRow } from '../data/queries.ts';
import type { EntitlementRow } from '../data/support.ts';
import { poundsOf } from '../rules/entitlement.ts';

/** A pupil's entitlement in a year, as Pupil.entitlement gives it (the pupil is one the caller may see). */
export interface EntitlementParent {
  pupil: PupilRow;
  academicYear: number;
  row: EntitlementRow | null;
}

/** Pupil.entitlement: one query for every pupil on the page, through the loader. */
export async function entitlementOf(
  pupil: PupilRow,
  academicYear: number,
  { loaders }: ProgressContext,
): Promise<EntitlementParent> {
  const row = await loaders.entitlement.load({ key: pupil.id, args: { year: academicYear } });
  return { pupil, academicYear, row };
}

const eligible = (e: EntitlementParent) => e.row?.eligible === true;

export const Entitlement = {
  academicYear: (e: EntitlementParent) => e.academicYear,
  eligible,
  reasons: (e: EntitlementParent) => (eligible(e) ? (e.row?.reasons ?? []).map((r) => r.description) : []),
  reasonDetails: (e: EntitlementParent) => (eligible(e) ? (e.row?.reasons ?? []) : []),
  budget: (e: EntitlementParent) => poundsOf(e.row?.budgetPence ?? 0),
  spent: (e: EntitlementParent) => poundsOf(e.row?.spentPence ?? 0),
  budgetRemaining: (e: EntitlementParent) =>
    eligible(e) && e.row ? poundsOf(Math.max(0, e.row.budgetPence - e.row.spentPence)) : 0,
  options: (e: EntitlementParent, _: unknown, { loaders }: ProgressContext) =>
    eligible(e) ? loaders.optionsAt.load(e.pupil.urn) : [],
  bookings: (e: EntitlementParent, _: unknown, { loaders }: ProgressContext) =>
    loaders.bookingsOfPupil.load({ key: e.pupil.id, args: { year: e.academicYear } }),
};

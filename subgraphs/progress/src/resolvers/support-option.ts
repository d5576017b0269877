import type { ProgressContext } from '../context.ts';
import type { OptionRow } from '../data/support.ts';
import { poundsOf } from '../rules/entitlement.ts';

/** Options are seen wherever an entitlement or booking the caller may see lists them. */
export const SupportOption = {
  provider: (option: OptionRow) => option.providerName,
  async providerDetails(option: OptionRow, _: unknown, { loaders }: ProgressContext) {
    return loaders.provider.load(option.providerId);
  },
  cost: (option: OptionRow) => poundsOf(option.costPence),
  placesLeft: (option: OptionRow) => Math.max(0, option.capacity - option.booked),
  async offeredAt(option: OptionRow, _: unknown, { loaders }: ProgressContext) {
    return (await loaders.schoolsOfOption.load(option.id)).map((urn) => ({ urn }));
  },
};

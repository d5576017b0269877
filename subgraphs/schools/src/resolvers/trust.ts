import type { SchoolsContext } from '../context.ts';
import type { TrustRow } from '../data/queries.ts';

export const Trust = {
  __resolveReference: ({ id }: { id: string }, { loaders }: SchoolsContext) => loaders.trust.load(id),
  schools: (trust: TrustRow, _: unknown, { loaders }: SchoolsContext) =>
    loaders.schoolsOfTrust.load(trust.id),
  schoolCount: async (trust: TrustRow, _: unknown, { loaders }: SchoolsContext) =>
    (await loaders.schoolsOfTrust.load(trust.id)).length,
};

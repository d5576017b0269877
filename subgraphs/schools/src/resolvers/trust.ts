import type { TrustResolvers } from '../generated/resolvers.ts';

export const Trust: TrustResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.trust.load(id),
  schools: (trust, _, { loaders }) => loaders.schoolsOfTrust.load(trust.id),
  schoolCount: async (trust, _, { loaders }) => (await loaders.schoolsOfTrust.load(trust.id)).length,
};

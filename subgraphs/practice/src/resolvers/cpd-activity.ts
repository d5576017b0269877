import type { CpdActivityResolvers } from '../generated/resolvers.ts';

export const CpdActivity: CpdActivityResolvers = {
  staff: (activity) => ({ id: activity.staffId }),
  school: (activity) => ({ urn: activity.urn }),
  practice: (activity, _, { loaders }) =>
    activity.practiceId ? loaders.practice.load(activity.practiceId) : null,
  hostSchool: (activity) => (activity.hostUrn ? { urn: activity.hostUrn } : null),
};

import type { PracticeContext } from '../context.ts';
import type { CpdActivityRow } from '../data/queries.ts';

export const CpdActivity = {
  staff: (activity: CpdActivityRow) => ({ id: activity.staffId }),
  school: (activity: CpdActivityRow) => ({ urn: activity.urn }),
  practice: (activity: CpdActivityRow, _: unknown, { loaders }: PracticeContext) =>
    activity.practiceId ? loaders.practice.load(activity.practiceId) : null,
  hostSchool: (activity: CpdActivityRow) => (activity.hostUrn ? { urn: activity.hostUrn } : null),
};

import { badUserInput } from '@commonroom/subgraph-kit';
import type { SkillRequestResolvers } from '../generated/resolvers.ts';
import { rankExperts } from '../rules/matching.ts';

export const SkillRequest: SkillRequestResolvers = {
  school: (request) => ({ urn: request.urn }),
  requestedBy: (request) => ({ id: request.requestedBy }),
  createdAt: (request) => request.createdAt.toISOString(),
  async matches(request, { first }, { loaders }) {
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw badUserInput('first must be between 1 and 50', 'first');
    const [experts, place] = await Promise.all([
      loaders.experts.load('all'),
      loaders.directory.load(request.urn),
    ]);
    return rankExperts({ skills: request.skills, region: place?.region ?? '' }, experts).slice(0, first);
  },
};

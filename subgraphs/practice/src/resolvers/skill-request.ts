import { badUserInput } from '@commonroom/subgraph-kit';
import type { PracticeContext } from '../context.ts';
import type { SkillRequestRow } from '../data/queries.ts';
import { rankExperts } from '../rules/matching.ts';

export const SkillRequest = {
  school: (request: SkillRequestRow) => ({ urn: request.urn }),
  requestedBy: (request: SkillRequestRow) => ({ id: request.requestedBy }),
  createdAt: (request: SkillRequestRow) => request.createdAt.toISOString(),
  async matches(request: SkillRequestRow, { first }: { first: number }, { loaders }: PracticeContext) {
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw badUserInput('first must be between 1 and 50', 'first');
    const [experts, place] = await Promise.all([
      loaders.experts.load('all'),
      loaders.directory.load(request.urn),
    ]);
    return rankExperts({ skills: request.skills, region: place?.region ?? '' }, experts).slice(0, first);
  },
};

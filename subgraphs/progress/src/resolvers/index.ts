import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { ProgressContext } from '../context.ts';
import { LocalAuthority } from './local-authority.ts';
import { Mutation } from './mutation.ts';
import { LearningTarget, ProgressPlan, Review, TargetRating } from './plans.ts';
import { Pupil } from './pupil.ts';
import { Query } from './query.ts';
import { School } from './school.ts';
import { Trust } from './trust.ts';

export const resolvers = {
  Query,
  Mutation,
  School,
  LocalAuthority,
  Trust,
  Pupil,
  ProgressPlan,
  LearningTarget,
  TargetRating,
  Review,
} as unknown as GraphQLResolverMap<ProgressContext>;

import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { SchoolsContext } from '../context.ts';
import { Department } from './department.ts';
import { LocalAuthority } from './local-authority.ts';
import { Query } from './query.ts';
import { School } from './school.ts';
import { Staff } from './staff.ts';
import { Trust } from './trust.ts';

export const resolvers = {
  Query,
  School,
  LocalAuthority,
  Trust,
  Staff,
  Department,
} as unknown as GraphQLResolverMap<SchoolsContext>;

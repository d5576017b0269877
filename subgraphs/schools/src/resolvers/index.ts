import type { Resolvers } from '../generated/resolvers.ts';
import { Department } from './department.ts';
import { LocalAuthority } from './local-authority.ts';
import { Query } from './query.ts';
import { School } from './school.ts';
import { Staff } from './staff.ts';
import { Trust } from './trust.ts';

export const resolvers: Resolvers = {
  Query,
  School,
  LocalAuthority,
  Trust,
  Staff,
  Department,
};

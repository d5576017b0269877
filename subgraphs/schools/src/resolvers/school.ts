import { badUserInput, forbidden, found, required } from '@commonroom/subgraph-kit';
import { canSeeStaffOf } from '../data/access.ts';
import type { SchoolResolvers } from '../generated/resolvers.ts';

export const School: SchoolResolvers = {
  __resolveReference: ({ urn }, { loaders }) => loaders.school.load(urn),
  parliamentaryConstituency: (school) => school.constituency,
  localAuthority: (school, _, { loaders }) =>
    required(loaders.localAuthority.load(school.laCode), `local authority ${school.laCode}`),
  trust: (school, _, { loaders }) => (school.trustId ? loaders.trust.load(school.trustId) : null),
  async similarSchools(school, { first }, { loaders }) {
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw badUserInput('first must be between 1 and 50', 'first');
    const urns = await loaders.similarSchools.load({ key: school.urn, args: { limit: first } });
    return found(await loaders.school.loadMany(urns));
  },
  departments: (school, _, { loaders }) => loaders.departmentsOfSchool.load(school.urn),
  async staff(school, { role }, { viewer, loaders }) {
    if (!canSeeStaffOf(viewer, school)) throw forbidden("You may not see this school's staff.");
    const staff = await loaders.staffOfSchool.load(school.urn);
    return role ? staff.filter((s) => s.role === role) : staff;
  },
};

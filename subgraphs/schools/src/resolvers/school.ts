import { badUserInput, forbidden } from '@commonroom/subgraph-kit';
import type { SchoolsContext } from '../context.ts';
import { canSeeStaffOf } from '../data/access.ts';
import type { SchoolRow, StaffRole } from '../data/queries.ts';

export const School = {
  __resolveReference: ({ urn }: { urn: number }, { loaders }: SchoolsContext) => loaders.school.load(urn),
  parliamentaryConstituency: (school: SchoolRow) => school.constituency,
  localAuthority: (school: SchoolRow, _: unknown, { loaders }: SchoolsContext) =>
    loaders.localAuthority.load(school.laCode),
  trust: (school: SchoolRow, _: unknown, { loaders }: SchoolsContext) =>
    school.trustId ? loaders.trust.load(school.trustId) : null,
  async similarSchools(school: SchoolRow, { first }: { first: number }, { loaders }: SchoolsContext) {
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw badUserInput('first must be between 1 and 50', 'first');
    const urns = await loaders.similarSchools.load({ key: school.urn, args: { limit: first } });
    return (await loaders.school.loadMany(urns)).filter((s) => s && !(s instanceof Error));
  },
  departments: (school: SchoolRow, _: unknown, { loaders }: SchoolsContext) =>
    loaders.departmentsOfSchool.load(school.urn),
  async staff(school: SchoolRow, { role }: { role?: StaffRole | null }, { viewer, loaders }: SchoolsContext) {
    if (!canSeeStaffOf(viewer, school)) throw forbidden("You may not see this school's staff.");
    const staff = await loaders.staffOfSchool.load(school.urn);
    return role ? staff.filter((s) => s.role === role) : staff;
  },
};

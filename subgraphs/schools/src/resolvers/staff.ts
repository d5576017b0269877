import { forbidden, required } from '@commonroom/subgraph-kit';
import { canSeeStaffOf } from '../data/access.ts';
import type { StaffResolvers } from '../generated/resolvers.ts';

export const Staff: StaffResolvers = {
  async __resolveReference({ id }, { viewer, loaders }) {
    const member = await loaders.staff.load(id);
    if (!member) return null;
    const school = await loaders.school.load(member.urn);
    if (!school || !canSeeStaffOf(viewer, school)) throw forbidden('You may not see this member of staff.');
    return member;
  },
  school: (member, _, { loaders }) => required(loaders.school.load(member.urn), `school ${member.urn}`),
  department: (member, _, { loaders }) =>
    member.departmentId ? loaders.department.load(member.departmentId) : null,
};

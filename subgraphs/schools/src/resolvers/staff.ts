import { forbidden } from '@commonroom/subgraph-kit';
import type { SchoolsContext } from '../context.ts';
import { canSeeStaffOf } from '../data/access.ts';
import type { StaffRow } from '../data/queries.ts';

export const Staff = {
  async __resolveReference({ id }: { id: string }, { viewer, loaders }: SchoolsContext) {
    const member = await loaders.staff.load(id);
    if (!member) return null;
    const school = await loaders.school.load(member.urn);
    if (!school || !canSeeStaffOf(viewer, school)) throw forbidden('You may not see this member of staff.');
    return member;
  },
  school: (member: StaffRow, _: unknown, { loaders }: SchoolsContext) => loaders.school.load(member.urn),
  department: (member: StaffRow, _: unknown, { loaders }: SchoolsContext) =>
    member.departmentId ? loaders.department.load(member.departmentId) : null,
};

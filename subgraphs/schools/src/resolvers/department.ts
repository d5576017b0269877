import { forbidden } from '@commonroom/subgraph-kit';
import type { SchoolsContext } from '../context.ts';
import { canSeeStaffOf } from '../data/access.ts';
import type { DepartmentRow } from '../data/queries.ts';

export const Department = {
  school: (department: DepartmentRow, _: unknown, { loaders }: SchoolsContext) =>
    loaders.school.load(department.urn),
  async staff(department: DepartmentRow, _: unknown, { viewer, loaders }: SchoolsContext) {
    const school = await loaders.school.load(department.urn);
    if (!school || !canSeeStaffOf(viewer, school)) throw forbidden("You may not see this school's staff.");
    return loaders.staffOfDepartment.load(department.id);
  },
};

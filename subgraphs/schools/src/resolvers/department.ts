import { forbidden, required } from '@commonroom/subgraph-kit';
import { canSeeStaffOf } from '../data/access.ts';
import type { DepartmentResolvers } from '../generated/resolvers.ts';

export const Department: DepartmentResolvers = {
  school: (department, _, { loaders }) =>
    required(loaders.school.load(department.urn), `school ${department.urn}`),
  async staff(department, _, { viewer, loaders }) {
    const school = await loaders.school.load(department.urn);
    if (!school || !canSeeStaffOf(viewer, school)) throw forbidden("You may not see this school's staff.");
    return loaders.staffOfDepartment.load(department.id);
  },
};

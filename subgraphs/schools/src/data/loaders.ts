import type { Db } from '@commonroom/db';
import { argsCacheKey, batchByArgs } from '@commonroom/subgraph-kit';
import DataLoader from 'dataloader';
import * as q from './queries.ts';

/** A fresh set per request, so nothing cached leaks between callers. */
export function createLoaders(db: Db) {
  return {
    school: new DataLoader((urns: readonly number[]) => q.schoolsByUrns(db, urns)),
    localAuthority: new DataLoader((codes: readonly string[]) => q.localAuthoritiesByCodes(db, codes)),
    trust: new DataLoader((ids: readonly string[]) => q.trustsByIds(db, ids)),
    schoolsOfTrust: new DataLoader((ids: readonly string[]) => q.schoolsByTrusts(db, ids)),
    schoolPageOfLa: new DataLoader(
      batchByArgs((codes: readonly string[], args: { limit: number; afterUrn: number | undefined }) =>
        q.schoolPagesByLa(db, codes, args.limit, args.afterUrn),
      ),
      { cacheKeyFn: argsCacheKey },
    ),
    schoolCountOfLa: new DataLoader((codes: readonly string[]) => q.schoolCountsByLa(db, codes)),
    similarSchools: new DataLoader(
      batchByArgs((urns: readonly number[], args: { limit: number }) =>
        q.similarSchools(db, urns, args.limit),
      ),
      { cacheKeyFn: argsCacheKey },
    ),
    staff: new DataLoader((ids: readonly string[]) => q.staffByIds(db, ids)),
    staffOfSchool: new DataLoader((urns: readonly number[]) => q.staffBySchools(db, urns)),
    staffOfDepartment: new DataLoader((ids: readonly string[]) => q.staffByDepartments(db, ids)),
    department: new DataLoader((ids: readonly string[]) => q.departmentsByIds(db, ids)),
    departmentsOfSchool: new DataLoader((urns: readonly number[]) => q.departmentsBySchools(db, urns)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

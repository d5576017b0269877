import type { Viewer } from '@commonroom/auth';
import type { Db } from '@commonroom/db';
import { argsCacheKey, batchByArgs } from '@commonroom/subgraph-kit';
import DataLoader from 'dataloader';
import * as q from './queries.ts';

/** A fresh set per request, so nothing cached leaks between callers; those that filter by visibility take the viewer. */
export function createLoaders(db: Db, viewer: Viewer) {
  return {
    directory: new DataLoader((urns: readonly number[]) => q.directoryByUrns(db, urns)),
    practice: new DataLoader((ids: readonly string[]) => q.visiblePracticesByIds(db, viewer, ids)),
    practicePageOfSchool: new DataLoader(
      batchByArgs(
        (
          urns: readonly number[],
          args: { limit: number; after: q.SchoolPracticeKey | undefined; includeRetired: boolean },
        ) => q.practicePagesBySchools(db, viewer, urns, args),
      ),
      { cacheKeyFn: argsCacheKey },
    ),
    practiceCountOfSchool: new DataLoader(
      batchByArgs((urns: readonly number[], args: { includeRetired: boolean }) =>
        q.practiceCountsBySchools(db, viewer, urns, args),
      ),
      { cacheKeyFn: argsCacheKey },
    ),
    versionsOfPractice: new DataLoader((ids: readonly string[]) => q.versionsByPractices(db, ids)),
    adoptionsOfPractice: new DataLoader((ids: readonly string[]) => q.adoptionsByPractices(db, ids)),
    evidenceOfPractice: new DataLoader((ids: readonly string[]) => q.adoptionEvidenceByPractices(db, ids)),
    adoption: new DataLoader((ids: readonly string[]) => q.visibleAdoptionsByIds(db, viewer, ids)),
    adoptionsOfSchool: new DataLoader((urns: readonly number[]) =>
      q.visibleAdoptionsBySchools(db, viewer, urns),
    ),
    cpdOfSchool: new DataLoader(
      batchByArgs((urns: readonly number[], args: { academicYear: number }) =>
        q.cpdBySchools(db, urns, args.academicYear),
      ),
      { cacheKeyFn: argsCacheKey },
    ),
    cpdOfTrust: new DataLoader(
      batchByArgs((ids: readonly string[], args: { academicYear: number }) =>
        q.cpdByTrusts(db, ids, args.academicYear),
      ),
      { cacheKeyFn: argsCacheKey },
    ),
    cpdActivitiesOfSchool: new DataLoader(
      batchByArgs((urns: readonly number[], args: { academicYear: number }) =>
        q.cpdActivitiesBySchools(db, urns, args.academicYear),
      ),
      { cacheKeyFn: argsCacheKey },
    ),
    skillRequest: new DataLoader((ids: readonly string[]) => q.skillRequestsByIds(db, ids)),
    skillRequestsOfSchool: new DataLoader((urns: readonly number[]) => q.skillRequestsBySchools(db, urns)),
    consultancy: new DataLoader((ids: readonly string[]) => q.consultanciesByIds(db, ids)),
    consultanciesOfSchool: new DataLoader((urns: readonly number[]) => q.consultanciesBySchools(db, urns)),
    /** The whole (small) expert list, once per request, for ranking. */
    experts: new DataLoader(async (keys: readonly 'all'[]) => {
      const rows = await q.allExperts(db);
      return keys.map(() => rows);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

import type { Db } from '@commonroom/db';
import { argsCacheKey, batchByArgs } from '@commonroom/subgraph-kit';
import DataLoader from 'dataloader';
import { bookingsPerChildOf } from './consultations.ts';
import * as q from './queries.ts';
import { satisfactionCounts } from './satisfaction.ts';

/** A fresh set per request, so nothing cached leaks between callers. */
export function createLoaders(db: Db) {
  return {
    school: new DataLoader((urns: readonly number[]) => q.schoolsByUrns(db, urns)),
    schoolsOfTrust: new DataLoader((ids: readonly string[]) => q.schoolsOfTrusts(db, ids)),
    pupil: new DataLoader((ids: readonly string[]) => q.pupilsByIds(db, ids)),
    staff: new DataLoader((ids: readonly string[]) => q.staffByIds(db, ids)),
    carer: new DataLoader((ids: readonly string[]) => q.carersByIds(db, ids)),
    linksOfCarer: new DataLoader((ids: readonly string[]) => q.linksOfCarers(db, ids)),
    linksOfPupil: new DataLoader((ids: readonly string[]) => q.linksOfPupils(db, ids)),
    teacherStatuses: new DataLoader((ids: readonly string[]) => q.teacherStatusesOfPupils(db, ids)),
    messagePage: new DataLoader(
      batchByArgs(
        (ids: readonly string[], args: q.MessageScope & { limit: number; beforeId: number | undefined }) =>
          q.messagePages(db, ids, args),
      ),
      { cacheKeyFn: argsCacheKey },
    ),
    messageCounts: new DataLoader(
      batchByArgs((ids: readonly string[], args: q.MessageScope) => q.messageCounts(db, ids, args)),
      { cacheKeyFn: argsCacheKey },
    ),
    message: new DataLoader((ids: readonly number[]) => q.messagesByIds(db, ids)),
    translations: new DataLoader((ids: readonly number[]) => q.translationsOfMessages(db, ids)),
    delivery: new DataLoader((ids: readonly number[]) => q.outboxByMessageIds(db, ids)),
    satisfaction: new DataLoader(
      batchByArgs((urns: readonly number[], args: { academicYear: number }) =>
        satisfactionCounts(db, urns, args.academicYear),
      ),
      { cacheKeyFn: argsCacheKey },
    ),
    bookingsPerChild: new DataLoader((urns: readonly number[]) => bookingsPerChildOf(db, urns)),
    slot: new DataLoader((ids: readonly number[]) => q.slotsByIds(db, ids)),
    slotsOfStaff: new DataLoader((ids: readonly string[]) => q.slotsOfStaff(db, ids)),
    slotsOfCarer: new DataLoader((ids: readonly string[]) => q.slotsBookedByCarers(db, ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

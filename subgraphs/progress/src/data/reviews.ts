import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import { academicTermOf } from '../rules/dates.ts';
import type { LastReview } from '../rules/reviews.ts';
import { PUPIL_COLUMNS, type PupilRow, type RawPupil, toPupil } from './queries.ts';
import { list } from './scope.ts';

/** A pupil on roll with the last review held on or before the day asked about. */
export interface PupilLastReview {
  pupil: PupilRow;
  last: LastReview | undefined;
}

/**
 * Every pupil on roll at a school (`urn`) or at any school of a trust (`trustId`) in the academic year of
 * `asOf`, each with their last review held by that day: one query.
 */
export async function pupilsWithLastReview(
  db: Db,
  where: { urn: number } | { trustId: string },
  asOf: string,
): Promise<PupilLastReview[]> {
  const year = academicTermOf(asOf).academicYear;
  const place = 'urn' in where ? sql`p.urn = ${where.urn}` : sql`d.trust_id = ${where.trustId}`;
  const rows = await queryRows<RawPupil & { held_on: string | null; next_review_on: string | null }>(
    db,
    sql`select ${PUPIL_COLUMNS}, r.held_on, r.next_review_on
        from progress.pupils p join progress.school_directory d on d.urn = p.urn
        left join lateral (
          select held_on::text as held_on, next_review_on::text as next_review_on from progress.reviews r
          where r.pupil_id = p.id and r.held_on <= ${asOf} order by r.held_on desc, r.id desc limit 1
        ) r on true
        where ${place} and p.on_roll_from <= ${year} and p.on_roll_to >= ${year}
        order by p.urn, p.id`,
  );
  return rows.map((r) => ({
    pupil: toPupil(r),
    last: r.held_on && r.next_review_on ? { heldOn: r.held_on, nextReviewOn: r.next_review_on } : undefined,
  }));
}

/** Each trust's review cycle for vulnerable pupils, in weeks (undefined where it keeps the default): one query. */
export async function reviewWeeksOfTrusts(db: Db, trustIds: readonly string[]) {
  const rows = await queryRows<{ trust_id: string; weeks: number }>(
    db,
    sql`select trust_id, vulnerable_review_weeks as weeks from progress.trust_settings
        where trust_id in (${list(trustIds)})`,
  );
  const byTrust = new Map(rows.map((r) => [r.trust_id, Number(r.weeks)]));
  return trustIds.map((id) => byTrust.get(id));
}

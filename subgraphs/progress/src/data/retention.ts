import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';

/** A trust's retention period when it has set none (trust_settings.retention_years), in years. */
export const DEFAULT_RETENTION_YEARS = 6;

export interface RetentionCandidate {
  pupilId: string;
  urn: number;
  trustId: string | null;
  retentionYears: number;
}

/**
 * Pupils whose personal data has outlived their trust's retention period on `today` (an ISO date). The rule:
 * a pupil's data is kept for `retention_years` (default 6) after the later of the day they left — the end of
 * their last academic year on roll, 31 August — and their last assessment. Schools outside any trust use the
 * default. Pupils still on roll in an academic year that has not ended are never candidates. `scope` keeps the
 * pupils of one trust's schools, or of the schools an LA maintains (in no trust), as their DPO would run it.
 */
export async function retentionCandidates(
  db: Db,
  today: string,
  scope?: { trustId: string } | { laCode: string },
): Promise<RetentionCandidate[]> {
  const whose = !scope
    ? sql``
    : 'trustId' in scope
      ? sql`and s.trust_id = ${scope.trustId}`
      : sql`and s.trust_id is null and s.la_code = ${scope.laCode}`;
  const rows = await queryRows<{ id: string; urn: number; trust_id: string | null; years: number }>(
    db,
    sql`select p.id, p.urn, s.trust_id, coalesce(t.retention_years, ${DEFAULT_RETENTION_YEARS})::int as years
        from progress.pupils p
          left join progress.school_directory s on s.urn = p.urn
          left join progress.trust_settings t on t.trust_id = s.trust_id
        where greatest(make_date(p.on_roll_to + 1, 8, 31),
                coalesce((select max(a.assessed_on) from progress.assessments a where a.pupil_id = p.id),
                         make_date(p.on_roll_to + 1, 8, 31)))
              + make_interval(years => coalesce(t.retention_years, ${DEFAULT_RETENTION_YEARS})::int)
              < ${today}::date
          ${whose}
        order by p.id`,
  );
  return rows.map((r) => ({
    pupilId: r.id,
    urn: Number(r.urn),
    trustId: r.trust_id,
    retentionYears: Number(r.years),
  }));
}

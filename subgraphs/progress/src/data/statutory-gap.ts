import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import type { StatutoryGapCounts } from '../rules/statutory-gap.ts';

export type StatutoryKeyStage = 'KS2' | 'KS4';

/**
 * The results the DfE index ranks by: KS2 reading and maths scaled scores; KS4 English and maths grades (a
 * GCSE English grade stored under READING, as the demo generator stores it, is English).
 */
const RANKED: Record<StatutoryKeyStage, { scale: string; subjects: string[] }> = {
  KS2: { scale: 'KS2_SCALED', subjects: ['READING', 'MATHS'] },
  KS4: { scale: 'GCSE_9_1', subjects: ['ENGLISH', 'READING', 'MATHS'] },
};

/**
 * For each trust or LA (`scope`), its pupils' side of the DfE gap index for one key stage and year, in one
 * query: every pupil loaded with both results that year (at any school) is ranked by the mean of the two (ties
 * share their mean rank), ranks scaled to 0–1 by the cohort's size; then each area's disadvantaged pupils and
 * others are counted with their mean scaled rank. A pupil counts where they took the test. Results in key order.
 */
export async function statutoryGapCounts(
  db: Db,
  scope: 'trust' | 'la',
  ids: readonly string[],
  keyStage: StatutoryKeyStage,
  academicYear: number,
): Promise<StatutoryGapCounts[]> {
  const { scale, subjects } = RANKED[keyStage];
  const area = sql.raw(scope === 'trust' ? 'd.trust_id' : 'd.la_code');
  const rows = await queryRows<{
    id: string;
    disadvantaged: number;
    others: number;
    disadvantaged_rank: number | null;
    others_rank: number | null;
  }>(
    db,
    sql`with scores as (
          select a.pupil_id, min(a.urn) as urn,
            avg(case when a.grade ~ '^[0-9]+$' then a.grade::numeric else 0 end) as score
          from progress.assessments a
          where a.kind = 'STATUTORY' and a.scale_id = ${scale} and a.academic_year = ${academicYear}
            and a.subject in (${sql.join(
              subjects.map((x) => sql`${x}`),
              sql`, `,
            )})
          group by a.pupil_id
          having count(distinct case when a.subject = 'MATHS' then 'MATHS' else 'ENGLISH' end) = 2
        ),
        ranked as (
          select s.pupil_id, s.urn,
            ((rank() over w) + (count(*) over (partition by s.score) - 1) / 2.0 - 0.5)
              / (count(*) over ()) as scaled
          from scores s window w as (order by s.score)
        )
        select ${area} as id,
          count(*) filter (where p.disadvantaged)::int as disadvantaged,
          count(*) filter (where not p.disadvantaged)::int as others,
          avg(r.scaled) filter (where p.disadvantaged)::float8 as disadvantaged_rank,
          avg(r.scaled) filter (where not p.disadvantaged)::float8 as others_rank
        from ranked r
        join progress.pupils p on p.id = r.pupil_id
        join progress.school_directory d on d.urn = r.urn
        where ${area} in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        group by ${area}`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    return {
      disadvantaged: r?.disadvantaged ?? 0,
      others: r?.others ?? 0,
      disadvantagedRank: r?.disadvantaged_rank ?? null,
      othersRank: r?.others_rank ?? null,
    };
  });
}

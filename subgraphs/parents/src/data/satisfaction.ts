import { type Db, queryRows } from '@commonroom/db';
import { inKeyOrder } from '@commonroom/subgraph-kit';
import { type SQL, sql } from 'drizzle-orm';
import { list } from './queries.ts';

/**
 * Parent View counts per school and academic year. Reports read them from parents.satisfaction_summary
 * (`satisfactionCounts`), which `refreshSatisfaction` rewrites for a school and year in the transaction that
 * stores a response; `satisfactionCountsLive` counts the responses themselves, for the refresh and for the
 * test that holds the two equal.
 */
export interface SatisfactionCounts {
  urn: number;
  responses: number;
  recommend: number;
  carers: number;
  answers: { q: string; a: string; n: number }[];
}

export interface SchoolYear {
  urn: number;
  academicYear: number;
}

type AnswerCounts = SatisfactionCounts['answers'];

const parseAnswers = (a: AnswerCounts | string): AnswerCounts =>
  [...(typeof a === 'string' ? (JSON.parse(a) as AnswerCounts) : a)].sort(
    (x, y) => x.q.localeCompare(y.q) || x.a.localeCompare(y.a),
  );

/**
 * Responses (a carer's latest in the year, should they answer termly surveys too), how many would recommend,
 * and answers per question, for each school and year given, counted from the responses.
 */
function liveCounts(pairs: readonly SchoolYear[]): SQL {
  const values = sql.join(
    pairs.map((p) => sql`(${p.urn}::int, ${p.academicYear}::int)`),
    sql`, `,
  );
  return sql`with wanted(urn, academic_year) as (values ${values}),
      latest as (
        select distinct on (r.carer_id, r.urn, r.academic_year) r.id, r.urn, r.academic_year, r.recommend
        from parents.survey_responses r
        join wanted w on w.urn = r.urn and w.academic_year = r.academic_year
        order by r.carer_id, r.urn, r.academic_year, r.submitted_at desc, r.id desc
      ),
      totals as (
        select urn, academic_year, count(*)::int as responses,
          (count(*) filter (where recommend))::int as recommend
        from latest group by urn, academic_year
      ),
      answered as (
        select l.urn, l.academic_year, a.question as q, a.answer as a, count(*)::int as n
        from latest l join parents.survey_answers a on a.response_id = l.id
        group by l.urn, l.academic_year, a.question, a.answer
      )
      select t.urn, t.academic_year, t.responses, t.recommend,
        coalesce((select json_agg(json_build_object('q', q, 'a', a, 'n', n) order by q, a) from answered x
          where x.urn = t.urn and x.academic_year = t.academic_year), '[]') as answers
      from totals t`;
}

/** Rewrites the stored counts of these schools and years from their responses (in the caller's transaction). */
export async function refreshSatisfaction(db: Db, pairs: readonly SchoolYear[]) {
  for (let i = 0; i < pairs.length; i += 1_000) {
    const chunk = pairs.slice(i, i + 1_000);
    const values = sql.join(
      chunk.map((p) => sql`(${p.urn}::int, ${p.academicYear}::int)`),
      sql`, `,
    );
    await db.execute(sql`delete from parents.satisfaction_summary s using (values ${values}) as w(urn, academic_year)
      where s.urn = w.urn and s.academic_year = w.academic_year`);
    await db.execute(sql`insert into parents.satisfaction_summary (urn, academic_year, responses, recommend, answers)
      select urn, academic_year, responses, recommend, answers::jsonb from (${liveCounts(chunk)}) fresh`);
  }
}

/** Every school and year that has responses (what to refresh after loading them in bulk). */
export async function schoolYearsWithResponses(db: Db): Promise<SchoolYear[]> {
  const rows = await queryRows<{ urn: number; academic_year: number }>(
    db,
    sql`select distinct urn, academic_year from parents.survey_responses order by urn, academic_year`,
  );
  return rows.map((r) => ({ urn: Number(r.urn), academicYear: Number(r.academic_year) }));
}

const carerCounts = (urns: readonly number[]) =>
  sql`select urn, count(distinct carer_id)::int as carers from parents.carer_links
      where urn in (${list(urns)}) group by urn`;

async function countsOf(db: Db, urns: readonly number[], academicYear: number, stored: SQL) {
  const rows = await queryRows<{
    urn: number;
    responses: number;
    recommend: number;
    carers: number;
    answers: AnswerCounts | string;
  }>(
    db,
    sql`select d.urn, coalesce(s.responses, 0) as responses, coalesce(s.recommend, 0) as recommend,
          coalesce(c.carers, 0) as carers, coalesce(s.answers, '[]') as answers
        from parents.school_directory d
        left join (${stored}) s on s.urn = d.urn and s.academic_year = ${academicYear}
        left join (${carerCounts(urns)}) c on c.urn = d.urn
        where d.urn in (${list(urns)})`,
  );
  const parsed: SatisfactionCounts[] = rows.map((r) => ({
    urn: Number(r.urn),
    responses: Number(r.responses),
    recommend: Number(r.recommend),
    carers: Number(r.carers),
    answers: parseAnswers(r.answers),
  }));
  return inKeyOrder(urns, parsed, (r) => r.urn);
}

/**
 * Parent View counts for each school in one query, from the stored counts, with the carers who have a child
 * there.
 */
export const satisfactionCounts = (db: Db, urns: readonly number[], academicYear: number) =>
  countsOf(
    db,
    urns,
    academicYear,
    sql`select urn, academic_year, responses, recommend, answers::json as answers
        from parents.satisfaction_summary where urn in (${list(urns)}) and academic_year = ${academicYear}`,
  );

/** The same counts from the responses themselves (the reference the stored counts are tested against). */
export const satisfactionCountsLive = (db: Db, urns: readonly number[], academicYear: number) =>
  countsOf(db, urns, academicYear, liveCounts(urns.map((urn) => ({ urn, academicYear }))));

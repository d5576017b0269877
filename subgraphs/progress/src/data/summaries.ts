import { type Db, queryRows } from '@commonroom/db';
import { groupedInKeyOrder, inKeyOrder } from '@commonroom/subgraph-kit';
import { type SQL, sql } from 'drizzle-orm';
import type { SchoolCounts, TrendCounts } from '../rules/reports.ts';
import type { SchoolPlace } from './access.ts';
import { refreshCohortGainsAt } from './cohorts.ts';
import { DIMENSIONS, GAP_DIMENSIONS, type GapDimension, inSummaryScope, list, type Scope } from './scope.ts';

/**
 * The pre-aggregated results behind the school progress, gap and gap-trend reports (tables school_summary,
 * group_summary and attainment_distribution; see tables.ts). `refreshSummaries` re-derives them from
 * pupil_results for the schools and years given, inside the caller's transaction; the reads below then touch
 * a few rows per school, trust or LA whatever the number of pupils.
 */

export const SUMMARY_TABLES = [
  'progress.school_summary',
  'progress.group_summary',
  'progress.attainment_distribution',
];

/** A school's academic year whose pupil_results changed. */
export interface SchoolYear {
  urn: number;
  academicYear: number;
}

const pairsFrom = (pairs: readonly SchoolYear[]) =>
  sql`json_to_recordset(${JSON.stringify(pairs.map((p) => ({ urn: p.urn, academic_year: p.academicYear })))}::json)
        as a(urn int, academic_year smallint)`;

/** A summary kept per school and summed per trust and LA. */
interface ScopedSummary {
  table: string;
  /** Key columns after scope, scope_id. */
  keys: string[];
  /** Additive columns. */
  counts: string[];
  /** The school rows for `pairs`, selected from pupil_results `r` (scope_id, keys…, counts…). */
  schoolRows(pairs: SQL): SQL;
}

const focusColumns = GAP_DIMENSIONS.flatMap((d) => {
  const column = DIMENSIONS[d].focusColumn;
  const focus = DIMENSIONS[d].focus;
  return column && focus ? [{ column, focus }] : [];
});

const GROUP_SUMMARY: ScopedSummary = {
  table: 'progress.group_summary',
  keys: ['subject', 'academic_year', 'dimension', 'grp'],
  counts: ['pupils', 'at_expected', 'progress_sum', 'stuck'],
  schoolRows: (pairs) => sql`
    select r.urn::text, r.subject, r.academic_year, g.dimension, g.grp,
      count(*)::int, (count(*) filter (where r.at_expected))::int,
      sum(r.progress::float8::numeric), (count(*) filter (where r.stuck))::int
    from progress.pupil_results r
    join ${pairs} on a.urn = r.urn and a.academic_year = r.academic_year
    cross join lateral (values ${sql.join(
      GAP_DIMENSIONS.map((d) => sql`(${d}, ${DIMENSIONS[d].group})`),
      sql`, `,
    )}) as g(dimension, grp)
    group by 1, 2, 3, 4, 5`,
};

const ATTAINMENT_DISTRIBUTION: ScopedSummary = {
  table: 'progress.attainment_distribution',
  keys: ['subject', 'academic_year', 'year_group', 'attainment'],
  counts: [
    'pupils',
    'at_expected',
    ...focusColumns.flatMap(({ column }) => [column, `${column}_at_expected`]),
  ],
  schoolRows: (pairs) => sql`
    select r.urn::text, r.subject, r.academic_year, r.year_group, r.attainment,
      count(*)::int, (count(*) filter (where r.at_expected))::int,
      ${sql.join(
        focusColumns.map(
          ({ focus }) =>
            sql`(count(*) filter (where ${focus}))::int, (count(*) filter (where ${focus} and r.at_expected))::int`,
        ),
        sql`, `,
      )}
    from progress.pupil_results r
    join ${pairs} on a.urn = r.urn and a.academic_year = r.academic_year
    group by 1, 2, 3, 4, 5`,
};

/**
 * Adds `sign` × the school rows of `pairs` to their trusts' and LAs' rows (one upsert, in key order so two
 * imports in one LA lock rows in the same order and never deadlock).
 */
async function addToTrustsAndLas(db: Db, s: ScopedSummary, pairs: SQL, sign: 1 | -1) {
  const keys = sql.raw(s.keys.map((k) => `s.${k}`).join(', '));
  const allColumns = sql.raw(['scope', 'scope_id', ...s.keys, ...s.counts].join(', '));
  const sums = sql.raw(s.counts.map((c) => `${sign} * sum(s.${c})`).join(', '));
  const add = sql.raw(s.counts.map((c) => `${c} = ${s.table}.${c} + excluded.${c}`).join(', '));
  await db.execute(sql`
    insert into ${sql.raw(s.table)} (${allColumns})
    select d.scope, d.scope_id, ${keys}, ${sums}
    from ${sql.raw(s.table)} s
    join ${pairs} on s.scope = 'school' and s.scope_id = a.urn::text and s.academic_year = a.academic_year
    join progress.school_directory sd on sd.urn = a.urn
    cross join lateral (values ('trust', sd.trust_id), ('la', sd.la_code)) as d(scope, scope_id)
    where d.scope_id is not null
    group by d.scope, d.scope_id, ${keys}
    order by d.scope, d.scope_id, ${keys}
    on conflict (scope, scope_id, ${sql.raw(s.keys.join(', '))}) do update set ${add}`);
}

async function refreshScoped(db: Db, s: ScopedSummary, pairs: SQL) {
  await addToTrustsAndLas(db, s, pairs, -1);
  await db.execute(sql`
    delete from ${sql.raw(s.table)} s using ${pairs}
    where s.scope = 'school' and s.scope_id = a.urn::text and s.academic_year = a.academic_year`);
  await db.execute(sql`
    insert into ${sql.raw(s.table)} (scope, scope_id, ${sql.raw([...s.keys, ...s.counts].join(', '))})
    select 'school', * from (${s.schoolRows(pairs)}) fresh`);
  await addToTrustsAndLas(db, s, pairs, 1);
  // Trust and LA rows whose pupils have all gone (every count is then zero).
  await db.execute(sql`
    delete from ${sql.raw(s.table)} s
    using (select distinct d.scope, d.scope_id, a.academic_year from ${pairs}
           join progress.school_directory sd on sd.urn = a.urn
           cross join lateral (values ('trust', sd.trust_id), ('la', sd.la_code)) as d(scope, scope_id)) x
    where s.scope = x.scope and s.scope_id = x.scope_id and s.academic_year = x.academic_year and s.pupils = 0`);
}

/**
 * Re-derives every summary for these schools' years from pupil_results. Call it in the transaction that
 * changed pupil_results, with every school-year whose rows changed (before or after the change).
 */
export async function refreshSummaries(db: Db, schoolYears: readonly SchoolYear[]) {
  if (schoolYears.length === 0) return;
  const seen = new Map(schoolYears.map((p) => [`${p.urn}/${p.academicYear}`, p]));
  const sorted = [...seen.values()].sort((x, y) => x.urn - y.urn || x.academicYear - y.academicYear);
  // Two imports in one LA or trust take its rows in two passes (take away, add back): one at a time per LA and
  // trust, locks taken in one order, so they wait for each other rather than deadlock.
  await db.execute(sql`
    select pg_advisory_xact_lock(hashtext('commonroom:summaries:' || scope_id)) from (
      select distinct x.scope_id from progress.school_directory d
      cross join lateral (values (d.la_code), ('trust:' || d.trust_id)) as x(scope_id)
      where d.urn in (${list([...new Set(sorted.map((p) => p.urn))])}) and x.scope_id is not null
      order by 1) scopes`);
  // In chunks, so a whole LA's generation does not build one enormous statement.
  for (let i = 0; i < sorted.length; i += 2_000) {
    const pairs = pairsFrom(sorted.slice(i, i + 2_000));
    await db.execute(sql`
      delete from progress.school_summary s using ${pairs}
      where s.urn = a.urn and s.academic_year = a.academic_year`);
    await db.execute(sql`
      insert into progress.school_summary (urn, academic_year, pupils, stuck, on_track, at_expected, progress_sum,
        disadvantaged, disadvantaged_at_expected)
      select urn, academic_year, count(*)::int, (count(*) filter (where stuck))::int,
        (count(*) filter (where on_track))::int, (count(*) filter (where at_expected))::int,
        coalesce(sum(progress::numeric), 0), (count(*) filter (where disadvantaged))::int,
        (count(*) filter (where disadvantaged and at_expected))::int
      from (
        select r.urn, r.academic_year, r.pupil_id, bool_or(r.stuck) as stuck, bool_and(r.progress >= 0) as on_track,
          bool_and(r.at_expected) and count(*) = 3 as at_expected, avg(r.progress) as progress,
          bool_or(r.disadvantaged) as disadvantaged
        from progress.pupil_results r
        join ${pairs} on a.urn = r.urn and a.academic_year = r.academic_year
        where r.subject in ('READING', 'WRITING', 'MATHS')
        group by r.urn, r.academic_year, r.pupil_id
      ) p
      group by urn, academic_year`);
    await refreshScoped(db, GROUP_SUMMARY, pairs);
    await refreshScoped(db, ATTAINMENT_DISTRIBUTION, pairs);
  }
  // Adoption impact is measured from the same results: re-measure these schools' cohorts.
  await refreshCohortGainsAt(db, [...new Set(sorted.map((p) => p.urn))]);
}

/** Every school-year of these schools that has results or summaries (what to refresh after generating them). */
export async function schoolYearsOf(db: Db, urns: readonly number[]): Promise<SchoolYear[]> {
  if (urns.length === 0) return [];
  const rows = await queryRows<{ urn: number; academic_year: number }>(
    db,
    sql`select distinct urn, academic_year from progress.pupil_results where urn in (${list(urns)})
        union select urn, academic_year from progress.school_summary where urn in (${list(urns)})`,
  );
  return rows.map((r) => ({ urn: Number(r.urn), academicYear: Number(r.academic_year) }));
}

/** A school's counts for a year (`schoolProgressReport` turns them into Measures), with where it is. */
export interface SchoolProgressRow extends SchoolPlace, SchoolCounts {}

/**
 * Progress numbers for many schools in one query, with each school's LA and trust so the caller's access
 * is checked without another query. A pupil counts as stuck when stuck in any core subject; a plan counts
 * for a year when it was open at some time since the year began (so a plan made today counts). Everything
 * but "stuck without a plan" is pre-aggregated; that is read live (plans change without any import) from the
 * few stuck pupils, through a partial index.
 */
export const schoolProgressSql = (urns: readonly number[], year: number) => sql`
  select d.urn, d.la_code, d.trust_id, s.pupils, s.stuck, w.n as stuck_without_plan, s.on_track, s.at_expected,
    s.progress_sum::float8 as progress_sum, s.disadvantaged, s.disadvantaged_at_expected
  from progress.school_directory d
  left join progress.school_summary s on s.urn = d.urn and s.academic_year = ${year}
  left join (
    select r.urn, count(distinct r.pupil_id)::int as n from progress.pupil_results r
    where r.urn in (${list(urns)}) and r.academic_year = ${year} and r.stuck
      and not exists (
        select 1 from progress.progress_plans pl
        where pl.pupil_id = r.pupil_id and pl.urn in (${list(urns)})
          and (pl.closed_on is null or pl.closed_on >= make_date(${year}, 9, 1)))
    group by r.urn
  ) w on w.urn = d.urn
  where d.urn in (${list(urns)})`;

export async function schoolProgress(db: Db, urns: readonly number[], year: number) {
  const rows = await queryRows<{
    urn: number;
    la_code: string;
    trust_id: string | null;
    pupils: number | null;
    stuck: number | null;
    stuck_without_plan: number | null;
    on_track: number | null;
    at_expected: number | null;
    progress_sum: number | null;
    disadvantaged: number | null;
    disadvantaged_at_expected: number | null;
  }>(db, schoolProgressSql(urns, year));
  return inKeyOrder(
    urns,
    rows.map(
      (r): SchoolProgressRow => ({
        urn: r.urn,
        laCode: r.la_code,
        trustId: r.trust_id,
        pupils: r.pupils ?? 0,
        stuck: r.stuck ?? 0,
        stuckWithoutPlan: r.stuck_without_plan ?? 0,
        onTrack: r.on_track ?? 0,
        atExpected: r.at_expected ?? 0,
        progressSum: Number(r.progress_sum ?? 0),
        disadvantaged: r.disadvantaged ?? 0,
        disadvantagedAtExpected: r.disadvantaged_at_expected ?? 0,
      }),
    ),
    (r) => r.urn,
  );
}

/** How many pupils of each school were stuck (in any core subject) in the year. */
export async function stuckPupilCounts(db: Db, urns: readonly number[], year: number) {
  const rows = await queryRows<{ urn: number; n: number }>(
    db,
    sql`select urn, stuck as n from progress.school_summary where urn in (${list(urns)}) and academic_year = ${year}`,
  );
  return inKeyOrder(urns, rows, (r) => r.urn).map((r) => r?.n ?? 0);
}

export interface GroupStats {
  group: string;
  n: number;
  atExpected: number;
  progressSum: number;
  stuck: number;
}

export const groupStatsSql = (
  scope: Scope,
  ids: readonly string[],
  year: number,
  subject: string,
  by: GapDimension,
) => sql`select scope_id, grp, pupils as n, at_expected, progress_sum::float8 as progress_sum, stuck
        from progress.group_summary
        where ${inSummaryScope(scope, ids)} and subject = ${subject} and academic_year = ${year} and dimension = ${by}
        order by 1, 2`;

/** Per scope (school, trust or LA) and group: cohort, at expected, progress and stuck. One query. */
export async function groupStats(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  year: number,
  subject: string,
  by: GapDimension,
) {
  const rows = await queryRows<{
    scope_id: string;
    grp: string;
    n: number;
    at_expected: number;
    progress_sum: number;
    stuck: number;
  }>(db, groupStatsSql(scope, ids, year, subject, by));
  return groupedInKeyOrder(
    ids,
    rows.map((r) => ({
      scopeId: String(r.scope_id),
      group: r.grp,
      n: r.n,
      atExpected: r.at_expected,
      progressSum: Number(r.progress_sum),
      stuck: r.stuck,
    })),
    (r) => r.scopeId,
  );
}

/** One year of a gap trend: each side's counts and mean scaled rank (`gapTrendReport` reads them). */
export type TrendStats = TrendCounts;

export function trendStatsSql(
  scope: Scope,
  ids: readonly string[],
  subject: string,
  by: GapDimension,
  fromYear: number,
) {
  const column = DIMENSIONS[by].focusColumn;
  const focus = sql.raw(column ?? '0');
  const focusAtExpected = sql.raw(column ? `${column}_at_expected` : '0');
  return sql`
    select scope_id, academic_year,
      sum(focus)::int as focus, sum(pupils - focus)::int as rest,
      sum(focus_at_expected)::int as focus_at_expected, sum(at_expected - focus_at_expected)::int as rest_at_expected,
      (sum(focus * scaled) filter (where focus > 0) / sum(focus))::float8 as focus_rank,
      (sum((pupils - focus) * scaled) filter (where pupils > focus) / sum(pupils - focus))::float8 as rest_rank
    from (
      select scope_id, academic_year, pupils, at_expected, ${focus} as focus, ${focusAtExpected} as focus_at_expected,
        (sum(pupils) over w - pupils + 1 + (pupils - 1) / 2.0 - 0.5)
          / sum(pupils) over (partition by scope_id, academic_year, year_group) as scaled
      from progress.attainment_distribution
      where ${inSummaryScope(scope, ids)} and subject = ${subject} and academic_year >= ${fromYear}
      window w as (partition by scope_id, academic_year, year_group order by attainment)
    ) ranked
    group by scope_id, academic_year order by scope_id, academic_year`;
}

/**
 * Per scope and year from `fromYear`: each side's cohort, how many are at the expected standard, and its
 * mean scaled rank (ties share their mean rank) — the inputs of the gap and the DfE gap index. One query on
 * the attainment distribution: a tie of `n` pupils after `below` others has rank `below + 1 + (n − 1) / 2`,
 * so each side's mean is the same numeric the per-pupil ranking gives.
 */
export async function trendStats(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  subject: string,
  by: GapDimension,
  fromYear: number,
) {
  const rows = await queryRows<{
    scope_id: string;
    academic_year: number;
    focus: number;
    rest: number;
    focus_at_expected: number;
    rest_at_expected: number;
    focus_rank: number | null;
    rest_rank: number | null;
  }>(db, trendStatsSql(scope, ids, subject, by, fromYear));
  return groupedInKeyOrder(
    ids,
    rows.map((r) => ({
      scopeId: String(r.scope_id),
      academicYear: Number(r.academic_year),
      focus: r.focus,
      rest: r.rest,
      focusAtExpected: r.focus_at_expected,
      restAtExpected: r.rest_at_expected,
      focusRank: r.focus_rank === null ? null : Number(r.focus_rank),
      restRank: r.rest_rank === null ? null : Number(r.rest_rank),
    })),
    (r) => r.scopeId,
  );
}

/** A group's counts in one academic year, for a scope or (`id`) one of the schools under it. */
export interface GroupYear extends GroupStats {
  id: string;
  academicYear: number;
}

/** What disclosure control needs for a scope's groups: its own rows and, for a trust or LA, its schools'. */
export interface ScopeGroups {
  own: GroupYear[];
  schools: GroupYear[];
}

const groupYearColumns = sql`g.scope_id, g.academic_year, g.grp, g.pupils as n, g.at_expected,
  g.progress_sum::float8 as progress_sum, g.stuck`;

/**
 * Per scope: every group of a dimension in the years `fromYear`..`toYear`, and — for a trust or LA — the
 * same rows of each school now in it (school_directory), so secondary suppression always sees what its
 * schools hide. One or two queries for any number of scopes.
 */
export async function scopeGroups(
  db: Db,
  scope: Scope,
  ids: readonly string[],
  subject: string,
  by: GapDimension,
  fromYear: number,
  toYear: number,
): Promise<ScopeGroups[]> {
  type Row = {
    scope_id: string;
    parent?: string;
    academic_year: number;
    grp: string;
    n: number;
    at_expected: number;
    progress_sum: number;
    stuck: number;
  };
  const years = sql`g.subject = ${subject} and g.dimension = ${by}
    and g.academic_year between ${fromYear} and ${toYear}`;
  const parent = sql.raw(scope === 'trust' ? 'd.trust_id' : 'd.la_code');
  const [own, schools] = await Promise.all([
    queryRows<Row>(
      db,
      sql`select ${groupYearColumns} from progress.group_summary g
          where g.scope = ${scope} and g.scope_id in (${list(ids)}) and ${years} order by 1, 2, 3`,
    ),
    scope === 'school'
      ? Promise.resolve([] as Row[])
      : queryRows<Row>(
          db,
          sql`select ${parent} as parent, ${groupYearColumns} from progress.group_summary g
              join progress.school_directory d on g.scope = 'school' and g.scope_id = d.urn::text
              where ${parent} in (${list(ids)}) and ${years} order by 1, 2, 3, 4`,
        ),
  ]);
  const toYear_ = (r: Row): GroupYear & { parent: string } => ({
    parent: String(r.parent ?? r.scope_id),
    id: String(r.scope_id),
    academicYear: Number(r.academic_year),
    group: r.grp,
    n: r.n,
    atExpected: r.at_expected,
    progressSum: Number(r.progress_sum),
    stuck: r.stuck,
  });
  const byParent = (rows: Row[]) => {
    const m = new Map<string, GroupYear[]>();
    for (const r of rows.map(toYear_)) {
      const list_ = m.get(r.parent);
      if (list_) list_.push(r);
      else m.set(r.parent, [r]);
    }
    return m;
  };
  const ownBy = byParent(own);
  const schoolsBy = byParent(schools);
  return ids.map((id) => ({ own: ownBy.get(id) ?? [], schools: schoolsBy.get(id) ?? [] }));
}

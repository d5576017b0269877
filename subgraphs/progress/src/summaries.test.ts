import { type DbHandle, queryRows, runMigrations } from '@commonroom/db';
import { createTestDatabase } from '@commonroom/db/testing';
import { demoPupils, demoSelection } from '@commonroom/demo';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gainsOfCohorts, measureGainsLive } from './data/cohorts.ts';
import { importAssessments } from './data/import.ts';
import {
  DIMENSIONS,
  GAP_DIMENSIONS,
  type GapDimension,
  inScope,
  list,
  SCOPE_COLUMN,
  type Scope,
} from './data/scope.ts';
import {
  groupStats,
  refreshSummaries,
  SUMMARY_TABLES,
  schoolProgress,
  stuckPupilCounts,
  trendStats,
} from './data/summaries.ts';
import { generateProgressData } from './demo/generate.ts';
import { backfillSummaries } from './demo/seed.ts';
import { MIGRATIONS_DIR } from './server.ts';

/**
 * The pre-aggregated reports (data/summaries.ts) against the same reports computed from every pupil's row, as
 * they were before the summaries existed: on generated data for every school, trust and LA in it, every year,
 * subject and dimension; then again after an import has changed some pupils' results (the summaries are kept
 * by difference), and against summaries rebuilt from nothing.
 */

/** Trust TR0965 (four Rutland primaries), a maintained Rutland school, a 3-pupil school, one in Nottingham. */
const URNS = [142401, 142544, 144847, 146397, 120181, 120355, 122750];

let handle: DbHandle & { url?: string };
beforeAll(async () => {
  handle = await createTestDatabase();
  await runMigrations(handle, 'progress', MIGRATIONS_DIR);
  await generateProgressData(handle.db, { urns: URNS });
});
afterAll(() => handle?.close());

const rows = <T extends Record<string, unknown>>(query: SQL) => queryRows<T>(handle.db, query);

/** The per-pupil computations the reports used before (the reference). */
const perPupil = {
  async schoolProgress(urns: number[], year: number) {
    return rows(sql`
    with p as (
      select urn, pupil_id, bool_or(stuck) as stuck, bool_and(progress >= 0) as on_track,
             bool_and(at_expected) and count(*) = 3 as at_expected, avg(progress) as progress,
             bool_or(disadvantaged) as disadvantaged
      from progress.pupil_results
      where urn in (${list(urns)}) and academic_year = ${year} and subject in ('READING', 'WRITING', 'MATHS')
      group by urn, pupil_id
    ), planned as (
      select distinct pupil_id from progress.progress_plans
      where urn in (${list(urns)}) and (closed_on is null or closed_on >= make_date(${year}, 9, 1))
    )
    select d.urn, d.la_code as "laCode", d.trust_id as "trustId",
      count(p.pupil_id)::int as pupils,
      (count(*) filter (where p.stuck))::int as stuck,
      (count(*) filter (where p.stuck and pl.pupil_id is null))::int as "stuckWithoutPlan",
      (count(*) filter (where p.on_track))::int as "onTrack",
      (count(*) filter (where p.at_expected))::int as "atExpected",
      coalesce(sum(p.progress)::float8, 0) as "progressSum",
      (count(*) filter (where p.disadvantaged))::int as disadvantaged,
      (count(*) filter (where p.disadvantaged and p.at_expected))::int as "disadvantagedAtExpected"
    from progress.school_directory d
    left join p on p.urn = d.urn
    left join planned pl on pl.pupil_id = p.pupil_id
    where d.urn in (${list(urns)})
    group by d.urn, d.la_code, d.trust_id order by d.urn`);
  },
  async stuckCounts(urns: number[], year: number) {
    const found = await rows<{ urn: number; n: number }>(
      sql`select urn, count(distinct pupil_id)::int as n from progress.pupil_results
          where urn in (${list(urns)}) and academic_year = ${year} and stuck group by urn`,
    );
    return urns.map((u) => found.find((r) => r.urn === u)?.n ?? 0);
  },
  async groupStats(scope: Scope, ids: string[], year: number, subject: string, by: GapDimension) {
    return rows(sql`
      select ${SCOPE_COLUMN[scope]} as "scopeId", ${DIMENSIONS[by].group} as group, count(*)::int as n,
        (count(*) filter (where at_expected))::int as "atExpected", sum(progress::float8) as "progressSum",
        (count(*) filter (where stuck))::int as stuck
      from progress.pupil_results
      where ${inScope(scope, ids)} and academic_year = ${year} and subject = ${subject}
      group by 1, 2 order by 1, 2`);
  },
  async trendStats(scope: Scope, ids: string[], subject: string, by: GapDimension, fromYear: number) {
    const focus = DIMENSIONS[by].focus ?? sql.raw('false');
    const col = SCOPE_COLUMN[scope];
    return rows(sql`
    select scope_id as "scopeId", academic_year as "academicYear",
      (count(*) filter (where focus))::int as focus, (count(*) filter (where not focus))::int as rest,
      (count(*) filter (where focus and at_expected))::int as "focusAtExpected",
      (count(*) filter (where not focus and at_expected))::int as "restAtExpected",
      (avg(scaled) filter (where focus))::float8 as "focusRank",
      (avg(scaled) filter (where not focus))::float8 as "restRank"
    from (
      select ${col} as scope_id, academic_year, at_expected, ${focus} as focus,
        (rank() over w + (count(*) over (partition by ${col}, academic_year, year_group, attainment) - 1) / 2.0 - 0.5)
          / count(*) over (partition by ${col}, academic_year, year_group) as scaled
      from progress.pupil_results
      where ${inScope(scope, ids)} and subject = ${subject} and academic_year >= ${fromYear}
      window w as (partition by ${col}, academic_year, year_group order by attainment)
    ) ranked
    group by scope_id, academic_year order by scope_id, academic_year`);
  },
};

async function scopesAndYears() {
  const [trusts, las, years] = await Promise.all([
    rows<{ id: string }>(
      sql`select distinct trust_id as id from progress.pupil_results where trust_id is not null`,
    ),
    rows<{ id: string }>(sql`select distinct la_code as id from progress.pupil_results`),
    rows<{ y: number }>(sql`select distinct academic_year as y from progress.pupil_results order by 1`),
  ]);
  const scopes: [Scope, string[]][] = [
    ['school', URNS.map(String)],
    ['trust', trusts.map((t) => t.id)],
    ['la', las.map((l) => l.id)],
  ];
  return { scopes, years: years.map((y) => Number(y.y)) };
}

/** Rows in the order of the scope ids asked for (as the loaders return them), stable within a scope. */
const byScope = <T extends Record<string, unknown>>(ids: string[], found: T[]) =>
  ids.flatMap((id) => found.filter((r) => String(r.scopeId) === id));

/** Every report from the summaries equals the per-pupil computation. */
async function expectSameReports() {
  const { scopes, years } = await scopesAndYears();
  expect(years.length).toBeGreaterThan(3);
  let compared = 0;
  for (const year of years) {
    const reference = await perPupil.schoolProgress(URNS, year);
    const fromSummary = await schoolProgress(handle.db, URNS, year);
    for (const [i, urn] of URNS.entries()) {
      const want = reference.find((r) => r.urn === urn);
      const got = fromSummary[i];
      expect({ ...got, progressSum: 0 }).toEqual({ ...want, progressSum: 0 });
      expect(got?.progressSum).toBeCloseTo(Number(want?.progressSum), 9);
    }
    expect(await stuckPupilCounts(handle.db, URNS, year)).toEqual(await perPupil.stuckCounts(URNS, year));
    for (const [scope, ids] of scopes)
      for (const subject of ['MATHS', 'READING'])
        for (const by of GAP_DIMENSIONS) {
          const want = byScope(ids, await perPupil.groupStats(scope, ids, year, subject, by));
          const got = byScope(ids, (await groupStats(handle.db, scope, ids, year, subject, by)).flat());
          expect(got.map((g) => ({ ...g, progressSum: 0 }))).toEqual(
            want.map((w) => ({ ...w, scopeId: String(w.scopeId), progressSum: 0 })),
          );
          // The summaries add progress exactly (numeric); the per-pupil sum is in floating point.
          for (const [k, g] of got.entries())
            expect(g.progressSum).toBeCloseTo(Number(want[k]?.progressSum), 6);
          compared += got.length;
        }
  }
  for (const [scope, ids] of scopes)
    for (const by of GAP_DIMENSIONS) {
      const want = byScope(ids, await perPupil.trendStats(scope, ids, 'MATHS', by, years[0] ?? 0));
      const got = byScope(ids, (await trendStats(handle.db, scope, ids, 'MATHS', by, years[0] ?? 0)).flat());
      // Ranks included: the same numeric, so the same float.
      expect(got).toEqual(
        want.map((w) => ({ ...w, scopeId: String(w.scopeId), academicYear: Number(w.academicYear) })),
      );
      compared += got.length;
    }
  return compared;
}

/** The summary tables' rows, in key order, as text. */
const snapshot = async () => {
  const out: Record<string, unknown[]> = {};
  for (const table of SUMMARY_TABLES)
    out[table] = await rows(sql`select * from ${sql.raw(table)} order by 1, 2, 3, 4, 5, 6`);
  return out;
};

/** Every cohort's stored gains against the live measurement, pupil by pupil; returns how many were compared. */
async function expectSameGains() {
  const ids = (await rows<{ id: string }>(sql`select id from progress.intervention_cohorts order by id`)).map(
    (r) => r.id,
  );
  const byPupil = (g: { pupilId: string }[]) => [...g].sort((a, b) => a.pupilId.localeCompare(b.pupilId));
  const stored = await gainsOfCohorts(handle.db, ids);
  const live = await measureGainsLive(handle.db, ids);
  let compared = 0;
  for (const [k, want] of live.entries()) {
    const got = stored[k];
    expect(got?.expectedPointsPerTerm).toBe(want?.expectedPointsPerTerm);
    expect(got?.place).toEqual(want?.place);
    expect(byPupil(got?.cohort ?? [])).toEqual(byPupil(want?.cohort ?? []));
    expect(byPupil(got?.others ?? [])).toEqual(byPupil(want?.others ?? []));
    compared += (want?.cohort.length ?? 0) + (want?.others.length ?? 0);
  }
  return compared;
}

describe('pre-aggregated reports', () => {
  it('equal the per-pupil computation for every school, trust, LA, year, subject and dimension', async () => {
    expect(await expectSameReports()).toBeGreaterThan(500);
  });

  it('stay equal after an import changes some results, and equal summaries rebuilt from nothing', async () => {
    const school = demoSelection().schools.find((s) => s.urn === URNS[0]);
    if (!school) throw new Error('no school');
    const pupils = demoPupils(school)
      .filter((p) => p.onRollTo === 2025 && p.onRollFrom <= 2024)
      .slice(0, 6);
    // A big drop in maths at the end of 2025 for six pupils: attainment, progress, stuck and ranks change.
    const csv = [
      'upn,subject,scale,grade,assessed_on,kind',
      ...pupils.map((p) => `${p.upn},MATHS,P_SCALE,P4,2026-07-15,PERIODIC`),
    ].join('\n');
    const before = await snapshot();
    const result = await importAssessments(handle.db, csv, { today: '2026-08-01' });
    expect(result).toMatchObject({ ok: true, inserted: 6 });
    expect(await snapshot()).not.toEqual(before);
    await expectSameReports();

    const kept = await snapshot();
    await handle.db.transaction(async (tx) => {
      for (const table of SUMMARY_TABLES) await tx.execute(sql.raw(`delete from ${table}`));
    });
    await backfillSummaries(handle.db);
    expect(await snapshot()).toEqual(kept);
  });

  it("keep each adoption cohort's measured gains equal to the live measurement, also after an import", async () => {
    expect(await expectSameGains()).toBeGreaterThan(10);
    // K120181-AD-0002: maths, Year 4 in 2024/25. A late drop for six of the year group changes their end points.
    const school = demoSelection().schools.find((s) => s.urn === 120181);
    if (!school) throw new Error('no school');
    const pupils = demoPupils(school)
      .filter((p) => p.receptionYear === 2020 && p.onRollFrom <= 2024 && p.onRollTo >= 2024)
      .slice(0, 6);
    const [cohort] = await gainsOfCohorts(handle.db, ['K120181-AD-0002']);
    const csv = [
      'upn,subject,scale,grade,assessed_on,kind',
      ...pupils.map((p) => `${p.upn},MATHS,P_SCALE,P4,2025-07-10,PERIODIC`),
    ].join('\n');
    expect(await importAssessments(handle.db, csv, { today: '2026-08-01' })).toMatchObject({ ok: true });
    const [after] = await gainsOfCohorts(handle.db, ['K120181-AD-0002']);
    expect(after).not.toEqual(cohort);
    expect(await expectSameGains()).toBeGreaterThan(10);
  });

  it('refreshing a school-year with no results leaves no empty trust or LA rows', async () => {
    await handle.db.transaction(async (tx) => {
      await refreshSummaries(tx, [{ urn: 999_999, academicYear: 2025 }]);
    });
    const [empty] = await rows<{ n: number }>(
      sql`select count(*)::int as n from progress.group_summary where pupils = 0`,
    );
    expect(empty?.n).toBe(0);
  });
});

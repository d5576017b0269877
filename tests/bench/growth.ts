import { writeFileSync } from 'node:fs';
import { type AuthSettings, signDevelopmentToken } from '@commonroom/auth';
import { openDatabase, sql } from '@commonroom/db';
import { demoSelection } from '@commonroom/demo';
import { groupStatsSql, schoolProgressSql, trendStatsSql } from '@commonroom/progress';
import { SUBGRAPHS } from '@commonroom/schema';
import type { SQL } from 'drizzle-orm';
import { type LoadResult, load } from './load.ts';
import { type Database, growTo, type LoadRecord, loads } from './prepare.ts';
import { startBenchHub } from './processes.ts';
import { laGapsScenario, type Scenario, trustOverviewScenario } from './scenarios.ts';

/**
 * `npm run bench -- --scale growth [--growth 10000,100000,1000000]`: grows the progress database step by step
 * (demo data, then whole LAs, see prepare.ts growTo) and at each size measures the LA gap report and the trust
 * overview — for Rutland and a demo trust, whose size stays the same, and for the largest LA and trust
 * generated so far — through the gateway, and their SQL straight on the database, writing the EXPLAIN
 * (ANALYZE, BUFFERS) plan of each report's SQL to results/growth-<pupils>-plans.txt.
 */

interface SqlTiming {
  report: string;
  scope: string;
  p50: number;
  p95: number;
}

export interface GrowthStep {
  targetPupils: number;
  pupils: number;
  assessments: number;
  databaseBytes: number;
  loads: LoadRecord[];
  sql: SqlTiming[];
  requests: (LoadResult & { scenario: string })[];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

export async function runGrowth(options: {
  targets: number[];
  seconds: number;
  levels: number[];
  database: Database;
  env: Record<string, string>;
  auth: AuthSettings;
  resultsDir: string;
}) {
  const steps: GrowthStep[] = [];
  for (const target of options.targets) {
    const loadedBefore = loads.length;
    console.log(`growing to ${target} pupils …`);
    await growTo(target, options.database);
    const handle = await openDatabase({ ...options.database, maxConnections: 2 });
    let step: GrowthStep;
    let scenarios: Scenario[];
    try {
      const [size] = await handle.rows<{ pupils: number; assessments: number; bytes: number }>(
        sql`select (select count(*) from progress.pupils)::int as pupils,
              (select count(*) from progress.assessments)::int as assessments,
              pg_database_size(current_database())::float8 as bytes`,
      );
      const [largestLa] = await handle.rows<{ la_code: string }>(
        sql`select d.la_code from progress.pupils p join progress.school_directory d on d.urn = p.urn
            group by 1 order by count(*) desc limit 1`,
      );
      const [largestTrust] = await handle.rows<{ trust_id: string }>(
        sql`select d.trust_id from progress.pupils p join progress.school_directory d on d.urn = p.urn
            where d.trust_id is not null group by 1 order by count(distinct p.urn) desc limit 1`,
      );
      const las = [...new Set(['857', largestLa?.la_code ?? '857'])];
      const demoTrust = demoSelection().trusts[0]?.id ?? 'TR0962';
      const trusts = [...new Set([demoTrust, largestTrust?.trust_id ?? demoTrust])];
      scenarios = [...las.map(laGapsScenario), ...trusts.map(trustOverviewScenario)];

      const urnsOf = async (where: SQL) =>
        (
          await handle.rows<{ urn: number }>(
            sql`select urn from progress.school_directory d where ${where} order by urn`,
          )
        ).map((r) => Number(r.urn));
      const reports: { report: string; scope: string; query: SQL }[] = [];
      for (const la of las) {
        reports.push(
          {
            report: 'LA gaps: groups',
            scope: la,
            query: groupStatsSql('la', [la], 2025, 'MATHS', 'DISADVANTAGED'),
          },
          {
            report: 'LA gaps: trend and gap index',
            scope: la,
            query: trendStatsSql('la', [la], 'MATHS', 'DISADVANTAGED', 2021),
          },
          {
            report: 'LA gaps: first 10 schools',
            scope: la,
            query: schoolProgressSql((await urnsOf(sql`d.la_code = ${la}`)).slice(0, 10), 2025),
          },
        );
      }
      for (const trust of trusts)
        reports.push({
          report: 'trust overview: every school',
          scope: trust,
          query: schoolProgressSql(await urnsOf(sql`d.trust_id = ${trust}`), 2025),
        });
      const timings: SqlTiming[] = [];
      const plans: string[] = [];
      for (const r of reports) {
        const times: number[] = [];
        for (let i = 0; i < 30; i++) {
          const started = performance.now();
          await handle.rows(r.query);
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const timing = {
          report: r.report,
          scope: r.scope,
          p50: Math.round(percentile(times, 50) * 10) / 10,
          p95: Math.round(percentile(times, 95) * 10) / 10,
        };
        timings.push(timing);
        const plan = await handle.rows<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers) ${r.query}`);
        plans.push(
          `-- ${r.report} (${r.scope}): p50 ${timing.p50} ms, p95 ${timing.p95} ms over 30 runs`,
          ...plan.map((p) => p['QUERY PLAN']),
          '',
        );
        console.log(`  SQL ${r.report} (${r.scope}): p50 ${timing.p50} ms, p95 ${timing.p95} ms`);
      }
      writeFileSync(`${options.resultsDir}growth-${target}-plans.txt`, `${plans.join('\n')}\n`);
      step = {
        targetPupils: target,
        pupils: size?.pupils ?? 0,
        assessments: size?.assessments ?? 0,
        databaseBytes: Number(size?.bytes ?? 0),
        loads: loads.slice(loadedBefore),
        sql: timings,
        requests: [],
      };
    } finally {
      await handle.close();
    }
    const hub = await startBenchHub(SUBGRAPHS, options.env);
    const gatewayUrl = hub.gateways[0]?.url ?? '';
    try {
      for (const scenario of scenarios) {
        const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
        const viewer = scenario.viewer;
        const token = viewer.role === 'anonymous' ? '' : await signDevelopmentToken(viewer, options.auth);
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        await load(gatewayUrl, body, headers, 1, 2);
        for (const concurrency of options.levels) {
          const result = await load(gatewayUrl, body, headers, concurrency, options.seconds);
          step.requests.push({ scenario: scenario.name, ...result });
          console.log(
            `  ${scenario.name.padEnd(26)} c=${String(concurrency).padStart(2)}  ${result.requestsPerSecond} req/s  p50 ${result.p50} ms  p95 ${result.p95} ms  errors ${result.errors + result.non2xx}`,
          );
        }
      }
    } finally {
      await hub.stop();
    }
    steps.push(step);
    writeGrowthResults(steps, options.resultsDir, options.seconds);
  }
  return steps;
}

function writeGrowthResults(steps: GrowthStep[], dir: string, seconds: number) {
  const lines = [
    `Growth, measured ${new Date().toISOString().slice(0, 10)}; ${seconds} s per cell; SQL timings are 30 runs straight on the database.`,
    '',
    '| pupils | assessments | database | report (scope) | SQL p50 / p95 ms |',
    '|---:|---:|---:|---|---|',
    ...steps.flatMap((s) =>
      s.sql.map(
        (t) =>
          `| ${s.pupils.toLocaleString('en-GB')} | ${s.assessments.toLocaleString('en-GB')} | ${(s.databaseBytes / 2 ** 30).toFixed(1)} GiB | ${t.report} (${t.scope}) | ${t.p50} / ${t.p95} |`,
      ),
    ),
    '',
    '| pupils | operation through the gateway | concurrency | req/s | p50 ms | p95 ms | errors |',
    '|---:|---|---:|---:|---:|---:|---:|',
    ...steps.flatMap((s) =>
      s.requests.map(
        (r) =>
          `| ${s.pupils.toLocaleString('en-GB')} | ${r.scenario} | ${r.concurrency} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.errors + r.non2xx} |`,
      ),
    ),
    '',
    '| step | loaded | schools | pupils | assessments | all rows | s | assessment rows/s | rows/s while writing | summaries s |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...steps.flatMap((s) =>
      s.loads.map(
        (l) =>
          `| ${s.targetPupils} | ${l.what} | ${l.schools} | ${l.pupils} | ${l.assessments} | ${l.rows} | ${l.seconds.toFixed(1)} | ${l.assessmentRowsPerSecond} | ${l.rowsPerSecond} | ${l.summariesSeconds.toFixed(1)} |`,
      ),
    ),
  ];
  writeFileSync(`${dir}growth.md`, `${lines.join('\n')}\n`);
  writeFileSync(`${dir}growth.json`, `${JSON.stringify(steps, null, 2)}\n`);
}

/**
 * `npm run bench [-- --duration SECONDS] [--concurrency 1,10,50] [--only NAME] [--scale demo|trust|la|england|growth] [--growth 10000,100000,1000000] [--compare]`
 *
 * Starts the hub in separate processes (production mode, on DATABASE_URL when set, else on an embedded
 * database under .data/bench), then loads each scenario through the gateway, and straight to the subgraph
 * where the scenario is served by one, to show the gateway's overhead. Writes tests/bench/results/latest.md
 * and latest.json. `--scale trust` first generates pupils for the largest trust (59 schools) and runs the trust
 * overview on it; `--compare` also serves the same supergraph with Apollo Gateway and loads it the same way;
 * `--scale la` (or `kent`) generates every school in Kent (584) and runs the LA gap report for Kent; `--scale
 * england` every school in England, one LA at a time; `--scale growth` measures the reports as the data grows
 * (growth.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { authSettings, signDevelopmentToken, signViewer, type Viewer } from '@commonroom/auth';
import { SUBGRAPHS } from '@commonroom/schema';
import { runGrowth } from './growth.ts';
import { type LoadResult, load } from './load.ts';
import { prepareScale, SCALES, type Scale } from './prepare.ts';
import { startBenchHub } from './processes.ts';
import { scenarios } from './scenarios.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '1,10,50' },
    only: { type: 'string' },
    scale: { type: 'string', default: 'demo' },
    compare: { type: 'boolean', default: false },
    growth: { type: 'string', default: '10000,100000,1000000' },
  },
});
const seconds = Number(values.duration);
const scale = values.scale as Scale;
if (!SCALES.includes(scale)) {
  console.error(`--scale must be one of ${SCALES.join(', ')}`);
  process.exit(2);
}
const levels = (values.concurrency ?? '').split(',').map(Number);
if (!(seconds > 0) || levels.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('--duration must be positive and --concurrency a list of whole numbers, e.g. 1,10,50');
  process.exit(2);
}

// Production mode has no default secrets: the benchmark makes its own for the processes it starts.
const secrets = {
  JWT_SECRET: 'benchmark-jwt-secret-benchmark-jwt-secret',
  GATEWAY_SIGNING_SECRET: 'benchmark-signing-secret-benchmark-signing',
};
const auth = authSettings({ ...process.env, ...secrets, NODE_ENV: 'production' });
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const databaseUrl = process.env.DATABASE_URL;
const benchDataDir = fileURLToPath(new URL('../../.data/bench', import.meta.url));
if (scale === 'growth') {
  if (!databaseUrl) throw new Error('--scale growth needs DATABASE_URL (a PostgreSQL server)');
  mkdirSync(resultsDir, { recursive: true });
  const targets = (values.growth ?? '').split(',').map(Number);
  await runGrowth({
    targets,
    seconds,
    levels,
    database: { url: databaseUrl },
    env: secrets,
    auth,
    resultsDir,
  });
  console.log('written to tests/bench/results/growth.md and growth.json');
  process.exit(0);
}
await prepareScale(scale, databaseUrl ? { url: databaseUrl } : { dataDir: `${benchDataDir}/progress` });
const hub = await startBenchHub(
  SUBGRAPHS,
  { ...secrets, ...(databaseUrl ? {} : { COMMONROOM_DATA_DIR: benchDataDir }) },
  { compare: values.compare },
);

interface Row extends LoadResult {
  scenario: string;
  target: string;
}
const rows: Row[] = [];
try {
  for (const scenario of scenarios(scale).filter(
    (s) => !values.only || s.name.startsWith(values.only ?? ''),
  )) {
    const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
    const viewer: Viewer = scenario.viewer;
    const token = viewer.role === 'anonymous' ? undefined : await signDevelopmentToken(viewer, auth);
    const bearer: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const targets: { target: string; url: string; headers: () => Record<string, string> }[] = [
      { target: 'gateway', url: hub.gatewayUrl, headers: () => bearer },
    ];
    if (hub.apolloUrl) targets.push({ target: 'apollo gateway', url: hub.apolloUrl, headers: () => bearer });
    const direct = scenario.directSubgraph ? hub.subgraphUrls[scenario.directSubgraph] : undefined;
    if (direct) {
      targets.push({
        target: `${scenario.directSubgraph} subgraph directly`,
        url: direct,
        headers: () => signViewer(viewer, body, auth.gatewaySigningSecret),
      });
    }
    for (const { target, url, headers } of targets) {
      await load(url, body, headers(), 1, 2); // warm up caches and JIT
      for (const concurrency of levels) {
        const result = await load(url, body, headers(), concurrency, seconds);
        rows.push({ scenario: scenario.name, target, ...result });
        console.log(
          `${scenario.name.padEnd(22)} ${target.padEnd(28)} c=${String(concurrency).padStart(2)}  ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms  errors ${result.errors + result.non2xx}`,
        );
      }
    }
  }
} finally {
  await hub.stop();
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${databaseUrl ? 'PostgreSQL server' : 'embedded PGlite'}`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; ${seconds} s per cell.`,
  '',
  '| scenario | target | concurrency | req/s | p50 ms | p95 ms | p99 ms | errors |',
  '|---|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.target} | ${r.concurrency} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors + r.non2xx} |`,
  ),
].join('\n');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}latest.md`, `${table}\n`);
writeFileSync(`${resultsDir}latest.json`, `${JSON.stringify({ machine, seconds, rows }, null, 2)}\n`);
console.log(`\n${table}\n\nwritten to tests/bench/results/latest.md and latest.json`);

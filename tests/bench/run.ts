/**
 * `npm run bench [-- --duration SECONDS] [--concurrency 1,10,50] [--only NAME]
 *   [--scale demo|trust|la|england|growth] [--growth 10000,100000,1000000] [--compare] [--planners]
 *   [--soak [--minutes N]] [--gateway-heap MB] [--years 1-5] [--lean] [--web]`
 * `npm run bench -- --scale ctf [--ctf-pupils 1500] [--ctf-schools 50] [--ctf-per-school 300]`: CTF imports (ctf.ts)
 *
 * Starts the hub in separate processes (production mode, on DATABASE_URL when set, else on an embedded
 * database under .data/bench), then loads each contract operation as its persona through the gateway, and
 * straight to the subgraph where one serves the whole request, to show the gateway's overhead; the RSS of the
 * process under load is sampled throughout. Writes tests/bench/results/latest.md and latest.json.
 * `--scale trust` first generates pupils for the largest trust (59 schools) and runs the trust overview on
 * it; `--scale la` (or `kent`) generates every school in Kent (584) and runs the LA gap report for Kent;
 * `--scale england` every school in England, one LA at a time (`--years`: how many of the last academic
 * years to generate; 1 for `england` unless given, else 5; `--lean` leaves out concept results, targets and
 * reviews, as `england` always does); `--scale growth` measures the reports as the
 * data grows (growth.ts). `--compare` also serves the same supergraph with Apollo Gateway; `--planners` runs
 * our gateway twice on the same subgraphs, once with each query planner (JavaScript and Hive Router's Rust
 * one). `--soak` instead holds the persona mix for `--minutes` (5) at `--concurrency` (10) and writes
 * results/soak.md and soak.json. `--gateway-heap` caps the gateways' V8 heap (`--max-old-space-size`), to see
 * what memory they need. `--web` instead loads the web pages (web.ts): the trust page at `--concurrency` (10)
 * signed-in sessions, TR0473 with `--scale trust`, and the JavaScript each page sends; the gateway then runs
 * the web's persisted operations only. Ports start at BENCH_BASE_PORT (4100).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { authSettings, signDevelopmentToken, signViewer, type Viewer } from '@commonroom/auth';
import { openDatabase } from '@commonroom/db';
import { SUBGRAPHS } from '@commonroom/schema';
import { CpuMeter, cpuCell, cpuPerRequest } from './cpu.ts';
import { runCtfBench } from './ctf.ts';
import { runGrowth } from './growth.ts';
import { type LoadResult, load } from './load.ts';
import { type MemoryFigures, RssSampler } from './memory.ts';
import { LARGE_TRUST, prepareScale, SCALES, type Scale } from './prepare.ts';
import { DEFAULT_BASE_PORT, startBenchHub } from './processes.ts';
import { type Scenario, scenarios } from './scenarios.ts';
import { type SoakResult, soak } from './soak.ts';
import { runWebBench } from './web.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string' },
    only: { type: 'string' },
    scale: { type: 'string', default: 'demo' },
    compare: { type: 'boolean', default: false },
    planners: { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    minutes: { type: 'string', default: '5' },
    'gateway-heap': { type: 'string' },
    growth: { type: 'string', default: '10000,100000,1000000' },
    years: { type: 'string' },
    lean: { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
    'ctf-pupils': { type: 'string', default: '1500' },
    'ctf-schools': { type: 'string', default: '50' },
    'ctf-per-school': { type: 'string', default: '300' },
  },
});
const seconds = Number(values.duration);
const minutes = Number(values.minutes);
const scale = values.scale as Scale;
if (values.scale === 'ctf') {
  // Imports, not requests: no hub to start (tests/bench/ctf.ts).
  mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
  await runCtfBench({
    pupils: Number(values['ctf-pupils']),
    schools: Number(values['ctf-schools']),
    perSchool: Number(values['ctf-per-school']),
    resultsFile: fileURLToPath(new URL('./results/ctf.md', import.meta.url)),
  });
  process.exit(0);
}
if (!SCALES.includes(scale)) {
  console.error(`--scale must be one of ${SCALES.join(', ')}`);
  process.exit(2);
}
const levels = (values.concurrency ?? (values.soak || values.web ? '10' : '1,10,50')).split(',').map(Number);
const basePort = Number(process.env.BENCH_BASE_PORT ?? DEFAULT_BASE_PORT);
const gatewayHeapMb = values['gateway-heap'] ? Number(values['gateway-heap']) : undefined;
const years = values.years ? Number(values.years) : undefined;
if (
  (years !== undefined && !(Number.isInteger(years) && years >= 1 && years <= 5)) ||
  !(seconds > 0) ||
  !(minutes > 0) ||
  levels.some((n) => !Number.isInteger(n) || n < 1) ||
  ((values.soak || values.web) && levels.length !== 1) ||
  !Number.isInteger(basePort) ||
  (gatewayHeapMb !== undefined && !(Number.isInteger(gatewayHeapMb) && gatewayHeapMb > 0))
) {
  console.error(
    '--duration and --minutes must be positive, --years 1 to 5, --concurrency a list of whole numbers (e.g. 1,10,50; one for --soak), BENCH_BASE_PORT a port',
  );
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
const webOperations = fileURLToPath(new URL('../../web/persisted-operations.json', import.meta.url));
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
const selected = scenarios(scale).filter((s) => !values.only || s.name.startsWith(values.only ?? ''));
await prepareScale(
  scale,
  databaseUrl ? { url: databaseUrl } : { dataDir: `${benchDataDir}/progress` },
  years,
  values.lean,
);
const hub = await startBenchHub(
  SUBGRAPHS,
  {
    ...secrets,
    ...(databaseUrl ? {} : { COMMONROOM_DATA_DIR: benchDataDir }),
    // The web sends its persisted operations by hash; with --web the gateway runs those only, as in production.
    ...(values.web ? { PERSISTED_OPERATIONS_FILE: webOperations } : {}),
  },
  {
    basePort,
    compare: values.compare,
    planners: values.planners ? ['js', 'rust'] : undefined,
    gatewayHeapMb,
  },
);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${databaseUrl ? 'PostgreSQL server' : 'embedded PGlite'}`;
const loadBefore = loadavg()[0] ?? 0;
const today = new Date().toISOString().slice(0, 10);
mkdirSync(resultsDir, { recursive: true });

async function bearerFor(viewer: Viewer): Promise<Record<string, string>> {
  const token = viewer.role === 'anonymous' ? undefined : await signDevelopmentToken(viewer, auth);
  return token ? { authorization: `Bearer ${token}` } : {};
}

const bodyOf = (s: Scenario) => JSON.stringify({ query: s.query, variables: s.variables });

interface Row extends LoadResult {
  scenario: string;
  target: string;
  /** RSS of the process answering (the gateway, or the subgraph when loaded directly) during the run, MB. */
  rss: MemoryFigures;
  /** CPU ms per request of each of the hub's processes (and the PostgreSQL server's backends) during the run. */
  cpuMsPerRequest: Record<string, number>;
}

async function runLoad(): Promise<void> {
  const rows: Row[] = [];
  // On a server, the backends' CPU is read from /proc by the pids PostgreSQL reports for the hub's database.
  const meterDatabase = databaseUrl ? await openDatabase({ url: databaseUrl }) : undefined;
  for (const scenario of selected) {
    const body = bodyOf(scenario);
    const bearer = await bearerFor(scenario.viewer);
    const targets: {
      target: string;
      url: string;
      pid: number;
      headers: () => Record<string, string> | (() => Record<string, string>);
    }[] = hub.gateways.map((g) => ({
      target: values.planners ? `gateway (${g.planner} planner)` : 'gateway',
      url: g.url,
      pid: g.pid,
      headers: () => bearer,
    }));
    if (hub.apollo) targets.push({ target: 'apollo gateway', ...hub.apollo, headers: () => bearer });
    const direct = scenario.directSubgraph ? hub.subgraphUrls[scenario.directSubgraph] : undefined;
    const directPid = hub.processes.find((p) => p.name === scenario.directSubgraph)?.pid;
    if (direct && directPid) {
      targets.push({
        target: `${scenario.directSubgraph} subgraph directly`,
        url: direct,
        pid: directPid,
        // The signature is bound to the body, expires, and its nonce is accepted once: sign every request.
        headers: () => () => signViewer(scenario.viewer, body, auth.gatewaySigningSecret),
      });
    }
    for (const { url, headers } of targets) await load(url, body, headers(), 1, 2); // warm up caches and JIT
    // Targets take turns at each level, so a busy spell on the machine does not fall on one target only.
    const cells: Row[] = [];
    for (const concurrency of levels) {
      for (const { target, url, pid, headers } of targets) {
        const sampler = new RssSampler([{ name: target, pid }]);
        const meter = await CpuMeter.start(hub.processes, meterDatabase);
        const result = await load(url, body, headers(), concurrency, seconds);
        const cpuMsPerRequest = cpuPerRequest(await meter.stop(), result.requests);
        const rss = sampler.stop()[target] ?? { peakMb: null, meanMb: null, samples: 0 };
        cells.push({ scenario: scenario.name, target, ...result, rss, cpuMsPerRequest });
        console.log(
          `${scenario.name.padEnd(22)} ${target.padEnd(28)} c=${String(concurrency).padStart(2)}  ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms  errors ${result.errors + result.non2xx}  RSS peak ${rss.peakMb} MB mean ${rss.meanMb} MB  CPU ms/request ${cpuCell(cpuMsPerRequest)}`,
        );
      }
    }
    for (const { target } of targets) rows.push(...cells.filter((c) => c.target === target));
  }
  await meterDatabase?.close();
  const loadAfter = loadavg()[0] ?? 0;
  const context = `Measured ${today} on ${machine}; ${seconds} s per cell;${gatewayHeapMb ? ` gateway heap capped at ${gatewayHeapMb} MB;` : ''} load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (other work on the machine shares its cores). RSS: resident memory of the process answering, sampled every 250 ms during the cell. CPU ms per request: user + system CPU of each process over the cell (from /proc), divided by the requests answered${databaseUrl ? "; `postgres` is the server backends serving the hub's database" : '; the embedded database works inside each subgraph'}.`;
  const table = [
    context,
    '',
    '| scenario | target | concurrency | req/s | p50 ms | p95 ms | p99 ms | errors | RSS peak MB | RSS mean MB | CPU ms per request |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.target} | ${r.concurrency} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors + r.non2xx} | ${r.rss.peakMb ?? '–'} | ${r.rss.meanMb ?? '–'} | ${cpuCell(r.cpuMsPerRequest)} |`,
    ),
  ].join('\n');
  writeFileSync(`${resultsDir}latest.md`, `${table}\n`);
  writeFileSync(
    `${resultsDir}latest.json`,
    `${JSON.stringify({ machine, seconds, loadAverage: { before: loadBefore, after: loadAfter }, rows }, null, 2)}\n`,
  );
  console.log(`\n${table}\n\nwritten to tests/bench/results/latest.md and latest.json`);
}

function soakReport(result: SoakResult, mix: Scenario[], planner: string): string {
  const names = hub.processes.map((p) => p.name);
  const mb = (m: MemoryFigures | undefined) => (m?.peakMb == null ? '–' : `${m.peakMb} / ${m.meanMb}`);
  const errors = result.total.non2xx + result.total.graphqlErrors + result.total.socketErrors;
  return [
    `Soak measured ${today} on ${machine}: ${result.minutes} min at ${result.concurrency} concurrent connections through the gateway (${planner} planner), load average ${loadBefore.toFixed(1)} before (other work on the machine shares its cores).`,
    '',
    `Persona mix (each connection walks it in turn): ${mix.map((s) => `${s.name} as ${s.viewer.role} ×${s.weight}`).join(', ')}.`,
    '',
    `**Total**: ${result.total.requests} requests, ${result.total.requestsPerSecond} req/s, p50 ${result.total.p50} ms, p95 ${result.total.p95} ms, p99 ${result.total.p99} ms; **errors ${errors}** (non-2xx ${result.total.non2xx}, GraphQL errors ${result.total.graphqlErrors}, no answer ${result.total.socketErrors}).`,
    '',
    '| after s | requests | req/s | p50 ms | p95 ms | p99 ms | errors | ' +
      names.map((n) => `${n} RSS peak / mean MB`).join(' | ') +
      ' |',
    `|---:|---:|---:|---:|---:|---:|---:|${names.map(() => '---:').join('|')}|`,
    ...result.windows.map(
      (w) =>
        `| ${w.endsAt} | ${w.requests} | ${w.requestsPerSecond} | ${w.p50} | ${w.p95} | ${w.p99} | ${w.non2xx + w.graphqlErrors + w.socketErrors} | ${names.map((n) => mb(w.memory[n])).join(' | ')} |`,
    ),
    `| **whole soak** | ${result.total.requests} | ${result.total.requestsPerSecond} | ${result.total.p50} | ${result.total.p95} | ${result.total.p99} | ${errors} | ${names.map((n) => mb(result.memory[n])).join(' | ')} |`,
    '',
    '| operation | requests | errors | p50 ms | p95 ms | p99 ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...Object.entries(result.perOperation).map(
      ([name, o]) => `| ${name} | ${o.requests} | ${o.errors} | ${o.p50} | ${o.p95} | ${o.p99} |`,
    ),
    ...(result.errorSamples.length
      ? ['', 'First errors:', '', ...result.errorSamples.map((e) => `- \`${e.replaceAll('`', "'")}\``)]
      : []),
  ].join('\n');
}

async function runSoak(): Promise<void> {
  const gateway = hub.gateways[0];
  if (!gateway) throw new Error('no gateway started');
  const requests = await Promise.all(
    selected.map(async (s) => ({
      operation: s.name,
      persona: s.viewer.role,
      body: bodyOf(s),
      headers: await bearerFor(s.viewer),
      weight: s.weight,
    })),
  );
  const concurrency = levels[0] ?? 10;
  console.log(`soak: ${minutes} min at ${concurrency} connections through ${gateway.url}; a row every 30 s`);
  const result = await soak(gateway.url, requests, {
    concurrency,
    minutes,
    processes: hub.processes,
    onWindow: (w) =>
      console.log(
        `after ${String(w.endsAt).padStart(4)} s  ${String(w.requestsPerSecond).padStart(6)} req/s  p95 ${w.p95} ms  errors ${w.non2xx + w.graphqlErrors + w.socketErrors}  RSS ${Object.entries(
          w.memory,
        )
          .map(([n, m]) => `${n} ${m.peakMb}`)
          .join(', ')} MB`,
      ),
  });
  const report = soakReport(result, selected, gateway.planner);
  writeFileSync(`${resultsDir}soak.md`, `${report}\n`);
  writeFileSync(
    `${resultsDir}soak.json`,
    `${JSON.stringify({ machine, loadAverageBefore: loadBefore, planner: gateway.planner, ...result }, null, 2)}\n`,
  );
  console.log(`\n${report}\n\nwritten to tests/bench/results/soak.md and soak.json`);
}

// Interrupted (Ctrl-C, or a time limit): stop the processes this run started before going.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void hub.stop().finally(() => process.exit(130));
  });
}

async function runWeb(): Promise<void> {
  const gateway = hub.gateways[0];
  if (!gateway) throw new Error('no gateway started');
  const report = await runWebBench({
    gatewayUrl: gateway.url,
    auth,
    trustId: scale === 'trust' ? LARGE_TRUST : 'TR0962',
    laCode: '857',
    seconds,
    concurrency: levels[0] ?? 10,
    resultsPath: `${resultsDir}web.md`,
    context: `measured ${today} on ${machine}, load average ${loadBefore.toFixed(1)} before (other work shares the cores).`,
  });
  console.log(`\n${report}\n\nwritten to tests/bench/results/web.md`);
}

try {
  await (values.web ? runWeb() : values.soak ? runSoak() : runLoad());
} finally {
  await hub.stop();
}

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { queryPlanner } from '@commonroom/gateway';

export type Planner = 'js' | 'rust';

/** One process of the benchmark's hub, named for the reports (`gateway (js)`, `schools`, …). */
export interface BenchProcess {
  name: string;
  pid: number;
}

/** The hub for a benchmark: each subgraph and the gateway in its own process, as in production. */
export interface BenchHub {
  /** Our gateway, once per query planner asked for (the first is the default one). */
  gateways: { planner: Planner; url: string; pid: number }[];
  /** Apollo Gateway on the same subgraphs, when asked for (`--compare`). */
  apollo?: { url: string; pid: number };
  subgraphUrls: Record<string, string>;
  processes: BenchProcess[];
  stop(): Promise<void>;
}

/** Ports from `BENCH_BASE_PORT` (4100): gateways at base and base+5, subgraphs base+1…, Apollo at base+10. */
export const DEFAULT_BASE_PORT = 4100;

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Why a process of the hub stopped, once it has: waiting for it to be ready is then pointless. */
const stopped = new Map<string, string>();

async function waitFor(url: string, timeoutMs = 300_000, init?: RequestInit) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Any process of the hub that stopped while starting ends the wait with its name, rather than a hang.
    const [name, how] = [...stopped][0] ?? [];
    if (name)
      throw new Error(`${name} stopped (${how}) before the benchmark hub was ready: see its output above`);
    try {
      if ((await fetch(url, init)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000}s`);
}

export async function startBenchHub(
  subgraphs: { name: string; entry: string }[],
  env: Record<string, string>,
  options: {
    basePort?: number;
    compare?: boolean;
    planners?: Planner[];
    /** Largest V8 old-generation heap for our gateway processes, MB (`--max-old-space-size`). */
    gatewayHeapMb?: number;
  } = {},
): Promise<BenchHub> {
  const basePort = options.basePort ?? Number(process.env.BENCH_BASE_PORT || DEFAULT_BASE_PORT);
  const children: ChildProcess[] = [];
  const processes: BenchProcess[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  const start = (name: string, entry: string, extra: Record<string, string>, nodeArgs: string[] = []) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
      env: { ...process.env, ...env, ...extra, NODE_ENV: 'production', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    child.once('exit', (code, signal) => {
      if (!stopping) stopped.set(name, signal ?? `exit code ${code}`);
    });
    if (child.pid === undefined) throw new Error(`could not start ${name}`);
    processes.push({ name, pid: child.pid });
    return child.pid;
  };
  try {
    const subgraphUrls: Record<string, string> = {};
    subgraphs.forEach((s, i) => {
      const port = basePort + 1 + i;
      subgraphUrls[s.name] = `http://127.0.0.1:${port}/graphql`;
      start(s.name, s.entry, { [`${s.name.toUpperCase()}_PORT`]: String(port) });
    });
    await Promise.all(Object.values(subgraphUrls).map((url) => waitFor(url.replace('/graphql', '/health'))));
    const routes = Object.fromEntries(
      Object.entries(subgraphUrls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url]),
    );
    const gateways: BenchHub['gateways'] = [];
    // No planner asked for: one gateway with the gateway's own default (or QUERY_PLANNER, passed through).
    const planners = options.planners ?? [undefined];
    for (const [i, planner] of planners.entries()) {
      const port = basePort + i * 5;
      const pid = start(
        planner ? `gateway (${planner})` : 'gateway',
        at('../../gateway/src/index.ts'),
        { PORT: String(port), ...routes, ...(planner ? { QUERY_PLANNER: planner } : {}) },
        options.gatewayHeapMb ? [`--max-old-space-size=${options.gatewayHeapMb}`] : [],
      );
      const url = `http://127.0.0.1:${port}/graphql`;
      await waitFor(url.replace('/graphql', '/readiness'));
      gateways.push({ planner: planner ?? queryPlanner(process.env), url, pid });
    }
    let apollo: BenchHub['apollo'];
    if (options.compare) {
      const port = basePort + 10;
      const pid = start('apollo gateway', at('./apollo-gateway.ts'), { PORT: String(port), ...routes });
      const url = `http://127.0.0.1:${port}/`;
      await waitFor(url, 120_000, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      apollo = { url, pid };
    }
    return {
      gateways,
      apollo,
      subgraphUrls,
      processes,
      stop: stopAll,
    };
  } catch (error) {
    // Leave nothing running behind a failed start.
    await stopAll();
    throw error;
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The hub for a benchmark: each subgraph and the gateway in its own process, as in production. */
export interface BenchHub {
  gatewayUrl: string;
  /** Apollo Gateway on the same subgraphs, when asked for (`--compare`). */
  apolloUrl?: string;
  subgraphUrls: Record<string, string>;
  stop(): Promise<void>;
}

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function waitFor(url: string, timeoutMs = 300_000, init?: RequestInit) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
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
  options: { basePort?: number; compare?: boolean } = {},
): Promise<BenchHub> {
  // BENCH_BASE_PORT moves every port, so two benchmarks can run side by side.
  const basePort = options.basePort ?? Number(process.env.BENCH_BASE_PORT || 4100);
  const children: ChildProcess[] = [];
  const start = (entry: string, extra: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      env: { ...process.env, ...env, ...extra, NODE_ENV: 'production', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
  };
  const subgraphUrls: Record<string, string> = {};
  subgraphs.forEach((s, i) => {
    const port = basePort + 1 + i;
    subgraphUrls[s.name] = `http://127.0.0.1:${port}/graphql`;
    start(s.entry, { [`${s.name.toUpperCase()}_PORT`]: String(port) });
  });
  await Promise.all(Object.values(subgraphUrls).map((url) => waitFor(url.replace('/graphql', '/health'))));
  start(at('../../gateway/src/index.ts'), {
    PORT: String(basePort),
    ...Object.fromEntries(
      Object.entries(subgraphUrls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url]),
    ),
  });
  const gatewayUrl = `http://127.0.0.1:${basePort}/graphql`;
  await waitFor(gatewayUrl.replace('/graphql', '/readiness'));
  let apolloUrl: string | undefined;
  if (options.compare) {
    const port = basePort + 10;
    start(at('./apollo-gateway.ts'), {
      PORT: String(port),
      ...Object.fromEntries(
        Object.entries(subgraphUrls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url]),
      ),
    });
    apolloUrl = `http://127.0.0.1:${port}/`;
    await waitFor(apolloUrl, 120_000, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
  }
  return {
    gatewayUrl,
    apolloUrl,
    subgraphUrls,
    stop: async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

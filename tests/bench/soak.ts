import autocannon from 'autocannon';
import { type MemoryFigures, RssSampler } from './memory.ts';

/** One request of the persona mix: a contract operation as its persona, with its share of the traffic. */
export interface SoakRequest {
  operation: string;
  persona: string;
  body: string;
  headers: Record<string, string>;
  weight: number;
}

export interface Latencies {
  p50: number;
  p95: number;
  p99: number;
}

export interface SoakWindow extends Latencies {
  /** Seconds from the start of the soak to the end of this window. */
  endsAt: number;
  requests: number;
  requestsPerSecond: number;
  non2xx: number;
  graphqlErrors: number;
  /** Connection errors and timeouts (no response at all). */
  socketErrors: number;
  memory: Record<string, MemoryFigures>;
}

export interface SoakResult {
  url: string;
  minutes: number;
  concurrency: number;
  windows: SoakWindow[];
  total: Omit<SoakWindow, 'endsAt' | 'memory'>;
  perOperation: Record<string, { requests: number; errors: number } & Latencies>;
  /** Peak and mean RSS of every process over the whole soak. */
  memory: Record<string, MemoryFigures>;
  /** The first few error answers, to say what went wrong if anything did. */
  errorSamples: string[];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function latencies(times: number[]): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length
      ? round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0)
      : 0;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/** The mix as one sequence: each request repeated by its weight, interleaved so no persona comes in a burst. */
function sequence(requests: SoakRequest[]): SoakRequest[] {
  const out: SoakRequest[] = [];
  const left = requests.map((r) => r.weight);
  while (left.some((n) => n > 0)) {
    requests.forEach((r, i) => {
      if ((left[i] ?? 0) > 0) {
        out.push(r);
        left[i] = (left[i] ?? 0) - 1;
      }
    });
  }
  return out;
}

/**
 * Holds the persona mix against `url` from `concurrency` connections for `minutes`, and every `windowSeconds`
 * records throughput, latency, errors and the RSS of every process. Each connection walks the mix in turn,
 * starting at a different place, so all operations run at once throughout. Bounded: autocannon stops at the
 * given duration.
 */
export async function soak(
  url: string,
  requests: SoakRequest[],
  options: {
    concurrency: number;
    minutes: number;
    windowSeconds?: number;
    processes: { name: string; pid: number }[];
    onWindow?: (window: SoakWindow) => void;
  },
): Promise<SoakResult> {
  const windowSeconds = options.windowSeconds ?? 30;
  const mix = sequence(requests);
  const perOperation = new Map<string, { times: number[]; errors: number }>();
  const errorSamples: string[] = [];
  let window = { times: [] as number[], non2xx: 0, graphqlErrors: 0, socketErrors: 0 };
  const allTimes: number[] = [];
  const totals = { non2xx: 0, graphqlErrors: 0, socketErrors: 0 };
  // recordBody (onResponse) and the 'response' event run back to back for one answer: this carries its name.
  let answered = '';

  const sampler = new RssSampler(options.processes, 1000);
  const windows: SoakWindow[] = [];
  const startedAt = Date.now();
  const closeWindow = () => {
    const endsAt = Math.round((Date.now() - startedAt) / 1000);
    const elapsed = endsAt - (windows.at(-1)?.endsAt ?? 0);
    const row: SoakWindow = {
      endsAt,
      requests: window.times.length,
      requestsPerSecond: elapsed > 0 ? Math.round((window.times.length / elapsed) * 10) / 10 : 0,
      ...latencies(window.times),
      non2xx: window.non2xx,
      graphqlErrors: window.graphqlErrors,
      socketErrors: window.socketErrors,
      memory: sampler.take(),
    };
    windows.push(row);
    options.onWindow?.(row);
    window = { times: [], non2xx: 0, graphqlErrors: 0, socketErrors: 0 };
  };
  const ticker = setInterval(closeWindow, windowSeconds * 1000);

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections: options.concurrency,
        duration: options.minutes * 60,
        timeout: 30,
        requests: mix.map((r) => ({
          method: 'POST' as const,
          headers: { 'content-type': 'application/json', ...r.headers },
          body: r.body,
          onResponse: (status: number, body: string) => {
            answered = r.operation;
            const stats = perOperation.get(r.operation) ?? { times: [], errors: 0 };
            perOperation.set(r.operation, stats);
            const failed = status < 200 || status >= 300;
            const graphqlError = !failed && body.includes('"errors"');
            if (failed) {
              window.non2xx++;
              totals.non2xx++;
            }
            if (graphqlError) {
              window.graphqlErrors++;
              totals.graphqlErrors++;
            }
            if (failed || graphqlError) {
              stats.errors++;
              if (errorSamples.length < 5)
                errorSamples.push(`${r.operation} ${status}: ${body.slice(0, 300)}`);
            }
          },
        })),
        // Start each connection at a different point of the mix.
        setupClient: (client) => {
          // autocannon's types leave out the client's request iterator, which is what walks `requests`.
          const { requestIterator } = client as unknown as { requestIterator: { nextRequest(): void } };
          const offset = Math.floor(Math.random() * mix.length);
          for (let i = 0; i < offset; i++) requestIterator.nextRequest();
        },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      window.times.push(responseTime);
      allTimes.push(responseTime);
      perOperation.get(answered)?.times.push(responseTime);
    });
    instance.on('reqError', () => {
      window.socketErrors++;
      totals.socketErrors++;
    });
  });
  clearInterval(ticker);
  // The last second or two after the final tick is not a window worth a row; its requests are in the totals.
  const tail = (Date.now() - startedAt) / 1000 - (windows.at(-1)?.endsAt ?? 0);
  if (tail >= windowSeconds / 6 && (window.times.length || window.socketErrors)) closeWindow();
  sampler.stop();
  // The whole soak's memory: the highest peak of any window, and the mean of the windows' means.
  const memory: Record<string, MemoryFigures> = {};
  for (const { name } of options.processes) {
    const figures = windows
      .map((w) => w.memory[name])
      .filter((m): m is MemoryFigures => !!m && m.samples > 0);
    const samples = figures.reduce((n, m) => n + m.samples, 0);
    memory[name] = {
      peakMb: figures.length ? Math.max(...figures.map((m) => m.peakMb ?? 0)) : null,
      meanMb: samples
        ? Math.round(figures.reduce((sum, m) => sum + (m.meanMb ?? 0) * m.samples, 0) / samples)
        : null,
      samples,
    };
  }
  const seconds = (Date.now() - startedAt) / 1000;
  return {
    url,
    minutes: options.minutes,
    concurrency: options.concurrency,
    windows,
    total: {
      requests: result.requests.total,
      requestsPerSecond: Math.round((result.requests.total / seconds) * 10) / 10,
      ...latencies(allTimes),
      ...totals,
    },
    perOperation: Object.fromEntries(
      [...perOperation].map(([name, s]) => [
        name,
        { requests: s.times.length, errors: s.errors, ...latencies(s.times) },
      ]),
    ),
    memory,
    errorSamples,
  };
}

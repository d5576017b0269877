import autocannon from 'autocannon';

export interface LoadResult {
  concurrency: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Fires one POST at `url` from `concurrency` connections for `seconds`, with autocannon, and reports
 * requests/s and latency percentiles (ms) computed from every response time (autocannon's own summary
 * has no p95). Responses carrying GraphQL `errors` count as errors: a fast wrong answer is not a result.
 */
export async function load(
  url: string,
  body: string,
  /** Fixed headers, or a function giving each request its own (a subgraph refuses a signature seen before). */
  headers: Record<string, string> | (() => Record<string, string>),
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const perRequest = typeof headers === 'function' ? headers : undefined;
  const times: number[] = [];
  let graphqlErrors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(perRequest ? {} : headers) },
        body,
        ...(perRequest
          ? {
              requests: [
                {
                  setupRequest: (request: autocannon.Request) => ({
                    ...request,
                    headers: { 'content-type': 'application/json', ...perRequest() },
                  }),
                },
              ],
            }
          : {}),
        connections: concurrency,
        duration: seconds,
        setupClient: (client) => {
          client.on('body', (buffer: Buffer) => {
            if (buffer.includes('"errors"')) graphqlErrors++;
          });
        },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  return {
    concurrency,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.total / seconds),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    errors: result.errors + graphqlErrors,
    non2xx: result.non2xx,
  };
}

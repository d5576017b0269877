/** Settings of the progress subgraph, read from the environment in this one place and checked at start. */
export interface ProgressEnv {
  /** Aggregates over 1 to this many pupils are suppressed (default 5). */
  suppressionThreshold: number;
}

export function progressEnv(env: NodeJS.ProcessEnv = process.env): ProgressEnv {
  const raw = env.PROGRESS_SUPPRESSION_THRESHOLD ?? '5';
  const suppressionThreshold = Number(raw);
  if (!Number.isInteger(suppressionThreshold) || suppressionThreshold < 0)
    throw new Error(`PROGRESS_SUPPRESSION_THRESHOLD must be a whole number of pupils, got "${raw}"`);
  return { suppressionThreshold };
}

/** Where the progress subgraph delivers the carers CTFs name (ctf/delivery.ts), and how often it looks. */
export interface HandoffEnv {
  /** The parents subgraph's GraphQL URL: `SUBGRAPH_PARENTS_URL`, else its port on this host. */
  parentsUrl: string;
  intervalMs: number;
}

export function handoffEnv(env: NodeJS.ProcessEnv = process.env): HandoffEnv {
  // The same per-subgraph variables the gateway and the supervisor read (README: `SUBGRAPH_<NAME>_URL`).
  const name = 'parents';
  const parentsUrl =
    env[`SUBGRAPH_${name.toUpperCase()}_URL`] ??
    `http://${env.HOST ?? '127.0.0.1'}:${env[`${name.toUpperCase()}_PORT`] ?? 4004}/graphql`;
  try {
    new URL(parentsUrl);
  } catch {
    throw new Error(`SUBGRAPH_PARENTS_URL must be a URL, got "${parentsUrl}"`);
  }
  return { parentsUrl, intervalMs: 5_000 };
}

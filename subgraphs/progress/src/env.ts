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

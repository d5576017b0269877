import { resolve } from 'node:path';
import { databaseSettings } from '@commonroom/db';

/** Settings of the parents subgraph, read from the environment in this one place and checked at start. */
export interface ParentsEnv {
  /** Where the development delivery adapters write messages and the paper-letter print queue. */
  outboxDir: string;
  /** How often the outbox worker looks for messages due, in milliseconds. */
  outboxIntervalMs: number;
}

export function parentsEnv(env: NodeJS.ProcessEnv = process.env): ParentsEnv {
  const outboxDir = resolve(
    env.PARENTS_OUTBOX_DIR ?? resolve(databaseSettings('parents').dataDir, '..', 'parents-outbox'),
  );
  const raw = env.PARENTS_OUTBOX_INTERVAL_MS ?? '5000';
  const outboxIntervalMs = Number(raw);
  if (!Number.isInteger(outboxIntervalMs) || outboxIntervalMs < 100)
    throw new Error(
      `PARENTS_OUTBOX_INTERVAL_MS must be a whole number of milliseconds (≥ 100), got "${raw}"`,
    );
  return { outboxDir, outboxIntervalMs };
}

import type { Db } from '@commonroom/db';
import { callSubgraph } from '@commonroom/subgraph-kit';
import { type CarerHandoff, markCarerHandoffsDelivered, pendingCarerHandoffs } from './handoffs.ts';

/** What the parents subgraph reports having done with a batch of handoffs. */
export interface HandoffsApplied {
  pupils: number;
  carersAdded: number;
  linksWritten: number;
  linksRemoved: number;
}

/** Applies a batch in the parents subgraph (one transaction there); throws when it could not. */
export type ApplyHandoffs = (handoffs: CarerHandoff[]) => Promise<HandoffsApplied>;

const BATCH = 5_000;

/**
 * Delivers every pending carer handoff (`progress.carer_handoffs` is this subgraph's outbox: rows are written in
 * the import's transaction, so none is lost), batch by batch: each is applied in parents, then marked delivered.
 * Applying a handoff twice changes nothing there, so a crash or a lost answer in between only means the same
 * batch goes again. A handoff rewritten by an import in the meantime stays pending and goes next time.
 */
export async function deliverCarerHandoffs(db: Db, apply: ApplyHandoffs): Promise<HandoffsApplied> {
  const total = { pupils: 0, carersAdded: 0, linksWritten: 0, linksRemoved: 0 };
  for (;;) {
    const pending = await pendingCarerHandoffs(db, BATCH);
    if (pending.length === 0) return total;
    const applied = await apply(pending);
    await markCarerHandoffsDelivered(db, pending);
    total.pupils += applied.pupils;
    total.carersAdded += applied.carersAdded;
    total.linksWritten += applied.linksWritten;
    total.linksRemoved += applied.linksRemoved;
    // Stop rather than chase a busy importer forever; the rest goes on the next run.
    if (pending.length < BATCH) return total;
  }
}

/**
 * The parents subgraph's `carer-handoffs` internal call, signed with the service key. `parentsUrl` is its GraphQL
 * URL, or a function giving it (tests know it only once parents listens).
 */
export const applyInParents =
  (parentsUrl: string | (() => string), signingSecret: string): ApplyHandoffs =>
  (handoffs) =>
    callSubgraph<HandoffsApplied>(
      typeof parentsUrl === 'string' ? parentsUrl : parentsUrl(),
      'carer-handoffs',
      handoffs,
      signingSecret,
    );

/** Wait before the next run after `failures` failed runs in a row: the interval, doubling, at most five minutes. */
export function retryDelayMs(intervalMs: number, failures: number): number {
  return Math.min(intervalMs * 2 ** failures, 300_000);
}

export interface HandoffWorker {
  /** Runs at once (after an import) instead of at the next tick; resolves when that run is over. */
  kick(): Promise<void>;
  stop(): void;
}

/**
 * While the hub runs, delivers handoffs to parents every `intervalMs` (and when kicked after an import through
 * the gateway). When parents is down or refuses, the rows stay pending and the worker waits longer before the
 * next try (`retryDelayMs`), logging the failure; one run at a time.
 */
export function startHandoffWorker(
  db: Db,
  apply: ApplyHandoffs,
  options: { intervalMs: number; onError?: (error: unknown) => void },
): HandoffWorker {
  let failures = 0;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, retryDelayMs(options.intervalMs, failures));
    timer.unref();
  };
  function run(): Promise<void> {
    running ??= deliverCarerHandoffs(db, apply)
      .then(() => {
        failures = 0;
      })
      .catch((error: unknown) => {
        failures++;
        options.onError?.(error);
      })
      .finally(() => {
        running = undefined;
        schedule();
      });
    return running;
  }
  schedule();
  return {
    kick: () => run(),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

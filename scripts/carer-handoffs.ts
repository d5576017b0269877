/**
 * Delivers the carers named by Common Transfer Files from the progress subgraph (which imports the files and
 * writes each pupil's carers to `progress.carer_handoffs`, its outbox, in the import's transaction) to the
 * parents subgraph (which owns carers), working on the two subgraphs' own databases like the import commands —
 * for the command with the hub stopped. The running hub delivers the same outbox over a signed internal call
 * (progress ctf/delivery.ts); both apply a batch in one parents transaction, recorded in its audit trail, then
 * mark it delivered in progress, and applying a handoff twice changes nothing.
 */
import type { Db } from '@commonroom/db';
import { applyCtfCarers } from '@commonroom/parents/ctf';
import { deliverCarerHandoffs as deliver, type HandoffsApplied } from '@commonroom/progress/ctf';

export type HandoffDelivery = HandoffsApplied;

export async function deliverCarerHandoffs(dbs: { progress: Db; parents: Db }): Promise<HandoffDelivery> {
  const { pupils, carersAdded, linksWritten, linksRemoved } = await deliver(dbs.progress, async (pending) =>
    applyCtfCarers(dbs.parents, pending),
  );
  return { pupils, carersAdded, linksWritten, linksRemoved };
}

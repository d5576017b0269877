/**
 * Delivers the carers named by Common Transfer Files from the progress subgraph (which imports the files and
 * writes each pupil's carers to `progress.carer_handoffs` in the import's transaction) to the parents subgraph
 * (which owns carers). Like the import commands, it works on the two subgraphs' own databases; each batch is
 * applied in one parents transaction, recorded in its audit trail, then marked delivered in progress. Applying
 * a handoff twice changes nothing, so a crash between the two steps only means it is applied again.
 */
import type { Db } from '@commonroom/db';
import { applyCtfCarers } from '@commonroom/parents/ctf';
import { markCarerHandoffsDelivered, pendingCarerHandoffs } from '@commonroom/progress/ctf';

export interface HandoffDelivery {
  pupils: number;
  carersAdded: number;
  linksWritten: number;
  linksRemoved: number;
}

export async function deliverCarerHandoffs(dbs: { progress: Db; parents: Db }): Promise<HandoffDelivery> {
  const total = { pupils: 0, carersAdded: 0, linksWritten: 0, linksRemoved: 0 };
  for (;;) {
    const pending = await pendingCarerHandoffs(dbs.progress);
    if (pending.length === 0) return total;
    const applied = await applyCtfCarers(dbs.parents, pending);
    await markCarerHandoffsDelivered(dbs.progress, pending);
    total.pupils += applied.pupils;
    total.carersAdded += applied.carersAdded;
    total.linksWritten += applied.linksWritten;
    total.linksRemoved += applied.linksRemoved;
    // A handoff rewritten since it was read stays pending; stop rather than chase a busy importer forever.
    if (pending.length < 5_000) return total;
  }
}

import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import type { HandedOffCarer } from './import.ts';

/** One pupil's carers as the last CTF named them, waiting to be delivered to the parents subgraph. */
export interface CarerHandoff {
  pupilId: string;
  urn: number;
  carers: HandedOffCarer[];
}

/** Handoffs not yet delivered, in pupil id order (at most `limit`). */
export async function pendingCarerHandoffs(db: Db, limit = 5_000): Promise<CarerHandoff[]> {
  const rows = await queryRows<{ pupil_id: string; urn: number; carers: HandedOffCarer[] | string }>(
    db,
    sql`select pupil_id, urn, carers from progress.carer_handoffs
        where delivered_at is null order by pupil_id limit ${limit}`,
  );
  return rows.map((r) => ({
    pupilId: r.pupil_id,
    urn: r.urn,
    carers: typeof r.carers === 'string' ? JSON.parse(r.carers) : r.carers,
  }));
}

/**
 * Marks handoffs delivered — each only if it is still what was delivered: one rewritten by an import in the
 * meantime stays pending and goes next time.
 */
export async function markCarerHandoffsDelivered(db: Db, delivered: CarerHandoff[]): Promise<void> {
  if (delivered.length === 0) return;
  const rows = JSON.stringify(delivered.map((h) => ({ pupil_id: h.pupilId, urn: h.urn, carers: h.carers })));
  await db.execute(
    sql`update progress.carer_handoffs t set delivered_at = now()
        from json_to_recordset(${rows}::json) as x(pupil_id text, urn int, carers jsonb)
        where t.pupil_id = x.pupil_id and t.urn = x.urn and t.carers = x.carers and t.delivered_at is null`,
  );
}

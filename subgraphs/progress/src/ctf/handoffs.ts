import { type Db, queryRows } from '@commonroom/db';
import { sql } from 'drizzle-orm';
import type { HandedOffCarer } from './import.ts';

/** One pupil's carers as the last CTF named them, waiting to be delivered to the parents subgraph. */
export interface CarerHandoff {
  pupilId: string;
  urn: number;
  carers: HandedOffCarer[];
  /** Schools the pupil moved from, whose staff keep access until the leaving date (inclusive). */
  formerSchools: { urn: number; until: string }[];
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? JSON.parse(value) : value);

/** Handoffs not yet delivered, in pupil id order (at most `limit`). */
export async function pendingCarerHandoffs(db: Db, limit = 5_000): Promise<CarerHandoff[]> {
  const rows = await queryRows<{
    pupil_id: string;
    urn: number;
    carers: HandedOffCarer[] | string;
    former_schools: CarerHandoff['formerSchools'] | string;
  }>(
    db,
    sql`select pupil_id, urn, carers, former_schools from progress.carer_handoffs
        where delivered_at is null order by pupil_id limit ${limit}`,
  );
  return rows.map((r) => ({
    pupilId: r.pupil_id,
    urn: r.urn,
    carers: json(r.carers),
    formerSchools: json(r.former_schools),
  }));
}

/**
 * Marks handoffs delivered — each only if it is still what was delivered: one rewritten by an import in the
 * meantime stays pending and goes next time.
 */
export async function markCarerHandoffsDelivered(db: Db, delivered: CarerHandoff[]): Promise<void> {
  if (delivered.length === 0) return;
  const rows = JSON.stringify(
    delivered.map((h) => ({
      pupil_id: h.pupilId,
      urn: h.urn,
      carers: h.carers,
      former_schools: h.formerSchools,
    })),
  );
  await db.execute(
    sql`update progress.carer_handoffs t set delivered_at = now()
        from json_to_recordset(${rows}::json) as x(pupil_id text, urn int, carers jsonb, former_schools jsonb)
        where t.pupil_id = x.pupil_id and t.urn = x.urn and t.carers = x.carers
          and t.former_schools = x.former_schools and t.delivered_at is null`,
  );
}

import type { Viewer } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import { type SQL, sql } from 'drizzle-orm';
import { auditOf } from './audit.ts';
import { forbidden } from './errors.ts';

/**
 * Data-subject rights for one pupil, the same way in every subgraph that holds pupil data: where the pupil is
 * (school, trust, or the tombstone of an earlier erasure), everything held about them as one JSON document
 * (subject access), and erasure of it all in one transaction. Each subgraph lists its pupil tables once
 * (`parts`); a test in each subgraph fails when a table with a `pupil_id` column is missing from the list.
 */

export interface PupilDataPart {
  /** The key in the exported document. */
  name: string;
  /** `schema.table`. */
  table: string;
  /** The rows about the pupil, given the pupil id as a parameter. */
  where: (pupilId: SQL) => SQL;
  /** What erasure does: delete the rows (default), `keep` them (the audit trail), or run its own statement. */
  erase?: 'delete' | 'keep' | ((pupilId: SQL) => SQL);
}

export interface DataSubjectSettings {
  /** The Postgres schema holding `erasures`. */
  schema: string;
  /** A table with `id` and `urn` of every pupil this subgraph knows. */
  pupilDirectory: string;
  /** A table with `urn`, `trust_id` and `la_code`. */
  schoolDirectory: string;
  /** Every table holding data about a pupil, in the order erasure deletes them (dependants first). */
  parts: PupilDataPart[];
}

export interface DataSubject {
  pupilId: string;
  urn: number;
  trustId: string | null;
  /** The LA of the pupil's school (whose DPO acts when the school is in no trust). */
  laCode: string | null;
  /** Set once the pupil has been erased here. */
  erasedAt: string | null;
}

export interface ErasureReceipt {
  pupilId: string;
  subgraph: string;
  erasedAt: string;
  /** True when an earlier erasure had already removed everything (erasure is idempotent). */
  alreadyErased: boolean;
  rowsErased: number;
}

const iso = (value: unknown) =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

/** Where the pupil is, from the subgraph's own copy, or from the tombstone of an earlier erasure. */
export async function locateDataSubject(
  db: Db,
  settings: DataSubjectSettings,
  pupilId: string,
): Promise<DataSubject | null> {
  const schools = sql.raw(settings.schoolDirectory);
  const [row] = await queryRows<{
    urn: number;
    trust_id: string | null;
    la_code: string | null;
    erased_at: unknown;
  }>(
    db,
    sql`select p.urn, s.trust_id, s.la_code, null as erased_at from ${sql.raw(settings.pupilDirectory)} p
          left join ${schools} s on s.urn = p.urn where p.id = ${pupilId}
        union all
        select e.urn, e.trust_id, s.la_code, e.erased_at from ${sql.raw(`"${settings.schema}".erasures`)} e
          left join ${schools} s on s.urn = e.urn
          where e.pupil_id = ${pupilId}
        order by erased_at nulls first limit 1`,
  );
  if (!row) return null;
  return {
    pupilId,
    urn: Number(row.urn),
    trustId: row.trust_id,
    laCode: row.la_code,
    erasedAt: row.erased_at == null ? null : iso(row.erased_at),
  };
}

/** Per request: the export's root field, its entity and each part resolve the same pupil with one query. */
const located = new WeakMap<object, Map<string, Promise<DataSubject | null>>>();
function locatedOnce(context: { db: Db }, settings: DataSubjectSettings, pupilId: string) {
  const seen = located.get(context) ?? new Map<string, Promise<DataSubject | null>>();
  located.set(context, seen);
  const key = `${settings.schema}|${pupilId}`;
  const subject = seen.get(key) ?? locateDataSubject(context.db, settings, pupilId);
  seen.set(key, subject);
  return subject;
}

/**
 * Whether a data protection officer acts for the pupil: the DPO of the pupil's trust, or — for a school in no
 * trust (LA-maintained) — the DPO of the school's LA. Exactly one DPO acts for each pupil.
 */
export function actsFor(viewer: Viewer, subject: Pick<DataSubject, 'trustId' | 'laCode'>): boolean {
  if (viewer.role !== 'dpo') return false;
  if (viewer.trustId !== undefined) return subject.trustId === viewer.trustId;
  return subject.trustId === null && subject.laCode !== null && subject.laCode === viewer.laCode;
}

/**
 * The data protection officer who acts for the pupil (`actsFor`), and nobody else; an unknown pupil is refused
 * the same way, so that a DPO cannot learn which pupils exist elsewhere. Records the pupil in the request's
 * audit event.
 */
export async function dataSubjectForDpo(
  context: { viewer: Viewer; db: Db },
  settings: DataSubjectSettings,
  pupilId: string,
): Promise<DataSubject> {
  const { viewer } = context;
  if (viewer.role !== 'dpo')
    throw forbidden(
      "Only the data protection officer of the pupil's trust (or, for a school in no trust, of its LA) may do this.",
    );
  const audit = auditOf(context);
  if (audit) {
    audit.notePupils([pupilId]);
    audit.record = true;
  }
  const subject = await locatedOnce(context, settings, pupilId);
  if (!subject || !actsFor(viewer, subject))
    throw forbidden(
      "Only the data protection officer of the pupil's trust (or, for a school in no trust, of its LA) may do this.",
    );
  return subject;
}

/** Everything the subgraph holds about the pupil, one key per part, in one query. */
export async function exportDataSubject(
  db: Db,
  settings: DataSubjectSettings,
  subject: DataSubject,
): Promise<Record<string, unknown>> {
  const id = sql`${subject.pupilId}::text`;
  const parts = settings.parts.map(
    (part) =>
      sql`${part.name}::text, coalesce((select jsonb_agg(to_jsonb(t)) from ${sql.raw(part.table)} t where ${part.where(id)}), '[]'::jsonb)`,
  );
  const [row] = await queryRows<{ document: unknown }>(
    db,
    sql`select jsonb_build_object(${sql.join(parts, sql`, `)}) as document`,
  );
  const document = typeof row?.document === 'string' ? JSON.parse(row.document) : (row?.document ?? {});
  return {
    subgraph: settings.schema,
    pupilId: subject.pupilId,
    schoolUrn: subject.urn,
    erasedAt: subject.erasedAt,
    ...(document as Record<string, unknown>),
  };
}

/**
 * Erases the pupil's personal data from the subgraph in one transaction: every part in order, then a
 * tombstone. Running it again finds nothing more to delete and says `alreadyErased`. Aggregates already
 * stored (and suppressed when small) are not pupil data and stay.
 */
export async function eraseDataSubject(
  db: Db,
  settings: DataSubjectSettings,
  subject: DataSubject,
  by: { erasedBy: string; reason: 'REQUEST' | 'RETENTION' },
): Promise<ErasureReceipt> {
  return db.transaction(async (tx) => {
    const id = sql`${subject.pupilId}::text`;
    let rows = 0;
    for (const part of settings.parts) {
      if (part.erase === 'keep') continue;
      const statement =
        typeof part.erase === 'function'
          ? part.erase(id)
          : sql`delete from ${sql.raw(part.table)} t where ${part.where(id)}`;
      const result = (await tx.execute(statement)) as unknown as { count?: number; affectedRows?: number };
      rows += Number(result.count ?? result.affectedRows ?? 0);
    }
    const [tombstone] = await queryRows<{ erased_at: unknown; inserted: boolean }>(
      tx as unknown as Db,
      sql`with added as (
            insert into ${sql.raw(`"${settings.schema}".erasures`)}
              (pupil_id, urn, trust_id, erased_by, reason, rows_erased)
            values (${subject.pupilId}, ${subject.urn}, ${subject.trustId}, ${by.erasedBy}, ${by.reason}, ${rows})
            on conflict (pupil_id) do nothing returning erased_at)
          select erased_at, true as inserted from added
          union all select erased_at, false from ${sql.raw(`"${settings.schema}".erasures`)}
            where pupil_id = ${subject.pupilId}
          limit 1`,
    );
    return {
      pupilId: subject.pupilId,
      subgraph: settings.schema,
      erasedAt: iso(tombstone?.erased_at ?? new Date()),
      alreadyErased: !tombstone?.inserted,
      rowsErased: rows,
    };
  });
}

/** The tables of a schema that have a `pupil_id` column, but the tombstones (tests check that `parts` leaves none out). */
export async function tablesWithPupilIds(db: Db, schema: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_schema || '.' || table_name as name from information_schema.columns
        where table_schema = ${schema} and column_name in ('pupil_id', 'booked_for_pupil_id')
          and table_name <> 'erasures'
        order by 1`,
  );
  return rows.map((r) => r.name);
}

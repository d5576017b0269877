import { bigserial, index, integer, type PgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * The audit table apart from the rest of audit.ts, so that a subgraph's tables.ts (which drizzle-kit loads)
 * imports nothing but drizzle.
 */

/** The audit table; each subgraph that records events declares it in its own Postgres schema (tables.ts). */
export function auditEventsTable(schema: PgSchema) {
  return schema.table(
    'audit_events',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
      /** The person (token `sub`), their role and its scope (`school:<urn>`, `trust:<id>`, `carer:<id>`…). */
      actorSub: text('actor_sub'),
      actorRole: text('actor_role').notNull(),
      actorScope: text('actor_scope'),
      operationName: text('operation_name'),
      /** `query` or `mutation`. */
      operationType: text('operation_type').notNull(),
      /** Root fields called and pupil-level fields read, as `Type.field`. */
      fields: text('fields').array().notNull(),
      pupilIds: text('pupil_ids').array().notNull(),
      schoolUrns: integer('school_urns').array().notNull(),
      trustIds: text('trust_ids').array().notNull(),
      /** OK, DENIED (FORBIDDEN/UNAUTHENTICATED), REJECTED (bad input, conflict, not found) or FAILED. */
      outcome: text('outcome').notNull(),
      errorCodes: text('error_codes').array().notNull(),
    },
    (t) => [
      index('audit_events_trust_idx').using('gin', t.trustIds),
      index('audit_events_pupil_idx').using('gin', t.pupilIds),
      index('audit_events_at_idx').on(t.at),
    ],
  );
}

/**
 * SQL appended by hand to the migration that creates the table (drizzle-kit does not write triggers): the
 * table refuses UPDATE, DELETE and TRUNCATE, so not even the subgraph's own code can rewrite history.
 */
export function auditTriggerSql(schema: string): string {
  return `CREATE OR REPLACE FUNCTION "${schema}"."audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update_or_delete" BEFORE UPDATE OR DELETE ON "${schema}"."audit_events" FOR EACH ROW EXECUTE FUNCTION "${schema}"."audit_events_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "${schema}"."audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."audit_events_append_only"();`;
}

/**
 * What is left of an erased pupil in a subgraph: the opaque id, the school and trust it was at (so the trust's
 * DPO can still be told "erased on …"), when, by whom and why. Kept with the audit trail.
 */
export function erasuresTable(schema: PgSchema) {
  return schema.table('erasures', {
    pupilId: text('pupil_id').primaryKey(),
    urn: integer('urn').notNull(),
    trustId: text('trust_id'),
    erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
    /** The DPO's `sub`, or `retention` for the retention job. */
    erasedBy: text('erased_by').notNull(),
    /** REQUEST (a data subject's request, through a DPO) or RETENTION (the trust's retention period ran out). */
    reason: text('reason').notNull(),
    rowsErased: integer('rows_erased').notNull(),
  });
}

CREATE TABLE "parents"."audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_sub" text,
	"actor_role" text NOT NULL,
	"actor_scope" text,
	"operation_name" text,
	"operation_type" text NOT NULL,
	"fields" text[] NOT NULL,
	"pupil_ids" text[] NOT NULL,
	"school_urns" integer[] NOT NULL,
	"trust_ids" text[] NOT NULL,
	"outcome" text NOT NULL,
	"error_codes" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parents"."erasures" (
	"pupil_id" text PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"trust_id" text,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erased_by" text NOT NULL,
	"reason" text NOT NULL,
	"rows_erased" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_events_trust_idx" ON "parents"."audit_events" USING gin ("trust_ids");--> statement-breakpoint
CREATE INDEX "audit_events_pupil_idx" ON "parents"."audit_events" USING gin ("pupil_ids");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "parents"."audit_events" USING btree ("at");--> statement-breakpoint
CREATE OR REPLACE FUNCTION "parents"."audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update_or_delete" BEFORE UPDATE OR DELETE ON "parents"."audit_events" FOR EACH ROW EXECUTE FUNCTION "parents"."audit_events_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "parents"."audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "parents"."audit_events_append_only"();

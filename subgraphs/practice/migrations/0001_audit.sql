CREATE TABLE "practice"."audit_events" (
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
CREATE INDEX "audit_events_trust_idx" ON "practice"."audit_events" USING gin ("trust_ids");--> statement-breakpoint
CREATE INDEX "audit_events_pupil_idx" ON "practice"."audit_events" USING gin ("pupil_ids");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "practice"."audit_events" USING btree ("at");--> statement-breakpoint
CREATE OR REPLACE FUNCTION "practice"."audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update_or_delete" BEFORE UPDATE OR DELETE ON "practice"."audit_events" FOR EACH ROW EXECUTE FUNCTION "practice"."audit_events_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "practice"."audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "practice"."audit_events_append_only"();

CREATE TABLE "progress"."bookings" (
	"id" text PRIMARY KEY NOT NULL,
	"pupil_id" text NOT NULL,
	"academic_year" smallint NOT NULL,
	"urn" integer NOT NULL,
	"option_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"cost_pence" integer NOT NULL,
	"status" text NOT NULL,
	"booked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"booked_by" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text
);
--> statement-breakpoint
CREATE TABLE "progress"."entitlements" (
	"pupil_id" text NOT NULL,
	"academic_year" smallint NOT NULL,
	"urn" integer NOT NULL,
	"la_code" text NOT NULL,
	"trust_id" text,
	"disadvantaged" boolean NOT NULL,
	"sen" text NOT NULL,
	"eligible" boolean NOT NULL,
	"reasons" jsonb NOT NULL,
	"budget_pence" integer NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entitlements_pupil_id_academic_year_pk" PRIMARY KEY("pupil_id","academic_year")
);
--> statement-breakpoint
CREATE TABLE "progress"."provider_approvals" (
	"provider_id" text NOT NULL,
	"trust_id" text NOT NULL,
	"approved_on" date NOT NULL,
	"approved_until" date,
	CONSTRAINT "provider_approvals_provider_id_trust_id_pk" PRIMARY KEY("provider_id","trust_id")
);
--> statement-breakpoint
CREATE TABLE "progress"."providers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"urn" integer,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress"."support_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pupil_id" text NOT NULL,
	"academic_year" smallint NOT NULL,
	"booking_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount_pence" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" text NOT NULL,
	CONSTRAINT "support_ledger_amount_positive" CHECK ("progress"."support_ledger"."amount_pence" > 0)
);
--> statement-breakpoint
CREATE TABLE "progress"."support_option_schools" (
	"option_id" text NOT NULL,
	"urn" integer NOT NULL,
	CONSTRAINT "support_option_schools_option_id_urn_pk" PRIMARY KEY("option_id","urn")
);
--> statement-breakpoint
CREATE TABLE "progress"."support_options" (
	"id" text PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"subject" text,
	"mode" text NOT NULL,
	"cost_pence" integer NOT NULL,
	"capacity" integer NOT NULL,
	"published_by" text,
	"published_on" date NOT NULL,
	"withdrawn_on" date,
	CONSTRAINT "support_options_cost_positive" CHECK ("progress"."support_options"."cost_pence" > 0),
	CONSTRAINT "support_options_capacity_positive" CHECK ("progress"."support_options"."capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "progress"."trust_settings" ADD COLUMN "support_budget_pence" integer DEFAULT 30000 NOT NULL;--> statement-breakpoint
ALTER TABLE "progress"."trust_settings" ADD COLUMN "not_progressing_share" real DEFAULT 0.75 NOT NULL;--> statement-breakpoint
CREATE INDEX "bookings_pupil_idx" ON "progress"."bookings" USING btree ("pupil_id","academic_year");--> statement-breakpoint
CREATE INDEX "bookings_option_idx" ON "progress"."bookings" USING btree ("option_id","status");--> statement-breakpoint
CREATE INDEX "bookings_provider_idx" ON "progress"."bookings" USING btree ("provider_id","id");--> statement-breakpoint
CREATE INDEX "entitlements_school_idx" ON "progress"."entitlements" USING btree ("urn","academic_year");--> statement-breakpoint
CREATE INDEX "entitlements_la_idx" ON "progress"."entitlements" USING btree ("la_code","academic_year");--> statement-breakpoint
CREATE INDEX "entitlements_trust_idx" ON "progress"."entitlements" USING btree ("trust_id","academic_year");--> statement-breakpoint
CREATE INDEX "support_ledger_entitlement_idx" ON "progress"."support_ledger" USING btree ("pupil_id","academic_year");--> statement-breakpoint
CREATE UNIQUE INDEX "support_ledger_booking_kind_idx" ON "progress"."support_ledger" USING btree ("booking_id","kind");--> statement-breakpoint
CREATE INDEX "support_option_schools_urn_idx" ON "progress"."support_option_schools" USING btree ("urn");--> statement-breakpoint
CREATE INDEX "support_options_provider_idx" ON "progress"."support_options" USING btree ("provider_id");
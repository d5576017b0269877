CREATE TABLE "progress"."carer_handoffs" (
	"pupil_id" text PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"carers" jsonb NOT NULL,
	"delivered_at" timestamp with time zone
);

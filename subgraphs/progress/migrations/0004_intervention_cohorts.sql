CREATE TABLE "progress"."cohort_members" (
	"cohort_id" text NOT NULL,
	"pupil_id" text NOT NULL,
	"urn" integer NOT NULL,
	CONSTRAINT "cohort_members_cohort_id_pupil_id_pk" PRIMARY KEY("cohort_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "progress"."intervention_cohorts" (
	"id" text PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"subject" text NOT NULL,
	"year_group" smallint NOT NULL,
	"academic_year" smallint NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cohort_members_pupil_idx" ON "progress"."cohort_members" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "intervention_cohorts_urn_idx" ON "progress"."intervention_cohorts" USING btree ("urn");
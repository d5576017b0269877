CREATE TABLE "progress"."cohort_gains" (
	"cohort_id" text NOT NULL,
	"pupil_id" text NOT NULL,
	"in_cohort" boolean NOT NULL,
	"baseline" double precision NOT NULL,
	"end_points" double precision NOT NULL,
	CONSTRAINT "cohort_gains_cohort_id_pupil_id_pk" PRIMARY KEY("cohort_id","pupil_id")
);
--> statement-breakpoint
CREATE INDEX "cohort_gains_pupil_idx" ON "progress"."cohort_gains" USING btree ("pupil_id");
CREATE SCHEMA "progress";
--> statement-breakpoint
CREATE TABLE "progress"."assessments" (
	"pupil_id" text NOT NULL,
	"urn" integer NOT NULL,
	"subject" text NOT NULL,
	"kind" text NOT NULL,
	"assessed_on" date NOT NULL,
	"academic_year" smallint NOT NULL,
	"term" smallint NOT NULL,
	"year_group" smallint NOT NULL,
	"scale_id" text NOT NULL,
	"grade" text NOT NULL,
	"points" real NOT NULL,
	CONSTRAINT "assessments_pupil_id_subject_kind_assessed_on_pk" PRIMARY KEY("pupil_id","subject","kind","assessed_on")
);
--> statement-breakpoint
CREATE TABLE "progress"."learning_targets" (
	"id" text PRIMARY KEY NOT NULL,
	"pupil_id" text NOT NULL,
	"urn" integer NOT NULL,
	"kind" text NOT NULL,
	"area" text NOT NULL,
	"description" text NOT NULL,
	"set_on" date NOT NULL,
	"achieved_on" date
);
--> statement-breakpoint
CREATE TABLE "progress"."progress_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"pupil_id" text NOT NULL,
	"urn" integer NOT NULL,
	"barriers" text NOT NULL,
	"actions" text NOT NULL,
	"owner_id" text NOT NULL,
	"started_on" date NOT NULL,
	"review_on" date NOT NULL,
	"closed_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress"."pupil_results" (
	"pupil_id" text NOT NULL,
	"academic_year" smallint NOT NULL,
	"subject" text NOT NULL,
	"urn" integer NOT NULL,
	"la_code" text NOT NULL,
	"trust_id" text,
	"year_group" smallint NOT NULL,
	"disadvantaged" boolean NOT NULL,
	"sex" text NOT NULL,
	"sen" text NOT NULL,
	"eal" boolean NOT NULL,
	"ethnicity" text NOT NULL,
	"looked_after" boolean NOT NULL,
	"attainment" real NOT NULL,
	"at_expected" boolean NOT NULL,
	"progress" real NOT NULL,
	"stuck" boolean NOT NULL,
	"stuck_reason" text,
	CONSTRAINT "pupil_results_pupil_id_academic_year_subject_pk" PRIMARY KEY("pupil_id","academic_year","subject")
);
--> statement-breakpoint
CREATE TABLE "progress"."pupils" (
	"id" text PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"upn" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex" text NOT NULL,
	"ethnicity" text NOT NULL,
	"sen" text NOT NULL,
	"eal" boolean NOT NULL,
	"looked_after" boolean NOT NULL,
	"disadvantaged" boolean NOT NULL,
	"reception_year" smallint NOT NULL,
	"on_roll_from" smallint NOT NULL,
	"on_roll_to" smallint NOT NULL,
	"learning_guide_id" text
);
--> statement-breakpoint
CREATE TABLE "progress"."reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"pupil_id" text NOT NULL,
	"urn" integer NOT NULL,
	"reviewer_id" text NOT NULL,
	"held_on" date NOT NULL,
	"notes" text NOT NULL,
	"next_review_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress"."scale_grades" (
	"scale_id" text NOT NULL,
	"grade" text NOT NULL,
	"points" real NOT NULL,
	CONSTRAINT "scale_grades_scale_id_grade_pk" PRIMARY KEY("scale_id","grade")
);
--> statement-breakpoint
CREATE TABLE "progress"."scales" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress"."school_directory" (
	"urn" integer PRIMARY KEY NOT NULL,
	"la_code" text NOT NULL,
	"trust_id" text,
	"phase" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress"."target_ratings" (
	"target_id" text NOT NULL,
	"rated_on" date NOT NULL,
	"rating" smallint NOT NULL,
	"rated_by" text NOT NULL,
	CONSTRAINT "target_ratings_target_id_rated_on_pk" PRIMARY KEY("target_id","rated_on")
);
--> statement-breakpoint
CREATE TABLE "progress"."trust_settings" (
	"trust_id" text PRIMARY KEY NOT NULL,
	"expected_points_per_term" real NOT NULL,
	"stuck_after_assessments" smallint NOT NULL,
	"minimum_key_stage_share" real NOT NULL
);
--> statement-breakpoint
ALTER TABLE "progress"."scale_grades" ADD CONSTRAINT "scale_grades_scale_id_scales_id_fk" FOREIGN KEY ("scale_id") REFERENCES "progress"."scales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_targets_pupil_idx" ON "progress"."learning_targets" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "progress_plans_pupil_idx" ON "progress"."progress_plans" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "progress_plans_urn_idx" ON "progress"."progress_plans" USING btree ("urn");--> statement-breakpoint
CREATE INDEX "pupil_results_school_idx" ON "progress"."pupil_results" USING btree ("urn","academic_year");--> statement-breakpoint
CREATE INDEX "pupil_results_la_idx" ON "progress"."pupil_results" USING btree ("la_code","subject","academic_year");--> statement-breakpoint
CREATE INDEX "pupil_results_trust_idx" ON "progress"."pupil_results" USING btree ("trust_id","subject","academic_year");--> statement-breakpoint
CREATE UNIQUE INDEX "pupils_upn_idx" ON "progress"."pupils" USING btree ("upn");--> statement-breakpoint
CREATE INDEX "pupils_urn_idx" ON "progress"."pupils" USING btree ("urn","id");--> statement-breakpoint
CREATE INDEX "pupils_guide_idx" ON "progress"."pupils" USING btree ("learning_guide_id");--> statement-breakpoint
CREATE INDEX "reviews_pupil_idx" ON "progress"."reviews" USING btree ("pupil_id","held_on");--> statement-breakpoint
CREATE INDEX "school_directory_la_idx" ON "progress"."school_directory" USING btree ("la_code");--> statement-breakpoint
CREATE INDEX "school_directory_trust_idx" ON "progress"."school_directory" USING btree ("trust_id");
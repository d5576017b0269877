CREATE TABLE "progress"."attainment_distribution" (
	"scope" text NOT NULL,
	"scope_id" text NOT NULL,
	"academic_year" smallint NOT NULL,
	"subject" text NOT NULL,
	"year_group" smallint NOT NULL,
	"attainment" real NOT NULL,
	"pupils" integer NOT NULL,
	"at_expected" integer NOT NULL,
	"disadvantaged" integer NOT NULL,
	"disadvantaged_at_expected" integer NOT NULL,
	"male" integer NOT NULL,
	"male_at_expected" integer NOT NULL,
	"sen" integer NOT NULL,
	"sen_at_expected" integer NOT NULL,
	"eal" integer NOT NULL,
	"eal_at_expected" integer NOT NULL,
	"looked_after" integer NOT NULL,
	"looked_after_at_expected" integer NOT NULL,
	CONSTRAINT "attainment_distribution_scope_scope_id_subject_academic_year_year_group_attainment_pk" PRIMARY KEY("scope","scope_id","subject","academic_year","year_group","attainment")
);
--> statement-breakpoint
CREATE TABLE "progress"."group_summary" (
	"scope" text NOT NULL,
	"scope_id" text NOT NULL,
	"academic_year" smallint NOT NULL,
	"subject" text NOT NULL,
	"dimension" text NOT NULL,
	"grp" text NOT NULL,
	"pupils" integer NOT NULL,
	"at_expected" integer NOT NULL,
	"progress_sum" numeric NOT NULL,
	"stuck" integer NOT NULL,
	CONSTRAINT "group_summary_scope_scope_id_subject_academic_year_dimension_grp_pk" PRIMARY KEY("scope","scope_id","subject","academic_year","dimension","grp")
);
--> statement-breakpoint
CREATE TABLE "progress"."school_summary" (
	"urn" integer NOT NULL,
	"academic_year" smallint NOT NULL,
	"pupils" integer NOT NULL,
	"stuck" integer NOT NULL,
	"on_track" integer NOT NULL,
	"at_expected" integer NOT NULL,
	"progress_sum" numeric NOT NULL,
	"disadvantaged" integer NOT NULL,
	"disadvantaged_at_expected" integer NOT NULL,
	CONSTRAINT "school_summary_urn_academic_year_pk" PRIMARY KEY("urn","academic_year")
);
--> statement-breakpoint
CREATE INDEX "pupil_results_stuck_idx" ON "progress"."pupil_results" USING btree ("urn","academic_year","pupil_id") WHERE stuck;
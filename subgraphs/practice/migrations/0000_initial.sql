CREATE SCHEMA "practice";
--> statement-breakpoint
CREATE TABLE "practice"."adoptions" (
	"id" text PRIMARY KEY NOT NULL,
	"practice_id" text NOT NULL,
	"practice_version" integer NOT NULL,
	"urn" integer NOT NULL,
	"cohort_id" text NOT NULL,
	"subject" text NOT NULL,
	"year_group" smallint NOT NULL,
	"academic_year" smallint NOT NULL,
	"modifications" text DEFAULT '' NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice"."consultancy_engagements" (
	"id" text PRIMARY KEY NOT NULL,
	"from_urn" integer NOT NULL,
	"from_department_id" text NOT NULL,
	"to_urn" integer NOT NULL,
	"to_department_id" text NOT NULL,
	"subject" text NOT NULL,
	"team_staff_ids" text[] NOT NULL,
	"aims" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date
);
--> statement-breakpoint
CREATE TABLE "practice"."cpd_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"staff_id" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"hours" real NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date NOT NULL,
	"academic_year" smallint NOT NULL,
	"school_based" boolean NOT NULL,
	"in_team" boolean NOT NULL,
	"focus" text NOT NULL,
	"practice_id" text,
	"host_urn" integer
);
--> statement-breakpoint
CREATE TABLE "practice"."expert_profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"background" text NOT NULL,
	"summary" text NOT NULL,
	"skills" text[] NOT NULL,
	"region" text NOT NULL,
	"availability" text NOT NULL,
	"days_per_month" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice"."practice_versions" (
	"practice_id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"problem" text NOT NULL,
	"approach" text NOT NULL,
	"school_evidence" text DEFAULT '' NOT NULL,
	"phases" text[] DEFAULT '{}' NOT NULL,
	"key_stages" text[] DEFAULT '{}' NOT NULL,
	"subjects" text[] DEFAULT '{}' NOT NULL,
	"pupil_groups" text[] DEFAULT '{}' NOT NULL,
	"strand_id" text,
	"resources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_ids" text[] DEFAULT '{}' NOT NULL,
	"visibility" text NOT NULL,
	"saved_by" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_versions_practice_id_version_pk" PRIMARY KEY("practice_id","version")
);
--> statement-breakpoint
CREATE TABLE "practice"."practices" (
	"id" text PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"visibility" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"problem" text NOT NULL,
	"approach" text NOT NULL,
	"school_evidence" text DEFAULT '' NOT NULL,
	"phases" text[] DEFAULT '{}' NOT NULL,
	"key_stages" text[] DEFAULT '{}' NOT NULL,
	"subjects" text[] DEFAULT '{}' NOT NULL,
	"pupil_groups" text[] DEFAULT '{}' NOT NULL,
	"strand_id" text,
	"resources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_ids" text[] DEFAULT '{}' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A')
  || setweight(to_tsvector('english', coalesce(summary, '') || ' ' || coalesce(problem, '')), 'B')
  || setweight(to_tsvector('english', coalesce(approach, '') || ' ' || coalesce(school_evidence, '')), 'C')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "practice"."school_directory" (
	"urn" integer PRIMARY KEY NOT NULL,
	"la_code" text NOT NULL,
	"trust_id" text,
	"phase" text NOT NULL,
	"region" text NOT NULL,
	"teachers" integer
);
--> statement-breakpoint
CREATE TABLE "practice"."skill_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"skills" text[] NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "practice"."adoptions" ADD CONSTRAINT "adoptions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "practice"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice"."cpd_activities" ADD CONSTRAINT "cpd_activities_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "practice"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice"."practice_versions" ADD CONSTRAINT "practice_versions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "practice"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adoptions_practice_idx" ON "practice"."adoptions" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "adoptions_urn_idx" ON "practice"."adoptions" USING btree ("urn");--> statement-breakpoint
CREATE UNIQUE INDEX "adoptions_cohort_idx" ON "practice"."adoptions" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "consultancy_from_idx" ON "practice"."consultancy_engagements" USING btree ("from_urn");--> statement-breakpoint
CREATE INDEX "consultancy_to_idx" ON "practice"."consultancy_engagements" USING btree ("to_urn");--> statement-breakpoint
CREATE INDEX "cpd_school_year_idx" ON "practice"."cpd_activities" USING btree ("urn","academic_year");--> statement-breakpoint
CREATE INDEX "practices_search_idx" ON "practice"."practices" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "practices_urn_idx" ON "practice"."practices" USING btree ("urn","created_at");--> statement-breakpoint
CREATE INDEX "practices_strand_idx" ON "practice"."practices" USING btree ("strand_id");--> statement-breakpoint
CREATE INDEX "school_directory_la_idx" ON "practice"."school_directory" USING btree ("la_code");--> statement-breakpoint
CREATE INDEX "school_directory_trust_idx" ON "practice"."school_directory" USING btree ("trust_id");--> statement-breakpoint
CREATE INDEX "skill_requests_urn_idx" ON "practice"."skill_requests" USING btree ("urn");
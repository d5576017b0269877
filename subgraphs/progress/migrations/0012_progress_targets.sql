CREATE TABLE "progress"."progress_targets" (
	"scope" text NOT NULL,
	"scope_id" text NOT NULL,
	"academic_year" smallint NOT NULL,
	"stuck_pupils" integer,
	"stuck_without_plan" integer,
	"disadvantaged_gap" real,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_targets_scope_scope_id_academic_year_pk" PRIMARY KEY("scope","scope_id","academic_year"),
	CONSTRAINT "progress_targets_scope" CHECK ("progress"."progress_targets"."scope" in ('school', 'trust', 'la'))
);

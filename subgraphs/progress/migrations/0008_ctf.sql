CREATE TABLE "progress"."pupil_attendance" (
	"pupil_id" text NOT NULL,
	"academic_year" smallint NOT NULL,
	"lea" text NOT NULL,
	"estab" text NOT NULL,
	"sessions_possible" integer NOT NULL,
	"sessions_attended" integer,
	"sessions_authorised" integer,
	"sessions_unauthorised" integer,
	CONSTRAINT "pupil_attendance_pupil_id_academic_year_lea_estab_pk" PRIMARY KEY("pupil_id","academic_year","lea","estab")
);
--> statement-breakpoint
CREATE TABLE "progress"."pupil_characteristics" (
	"pupil_id" text PRIMARY KEY NOT NULL,
	"ethnicity_code" text,
	"first_language" text,
	"nc_year" smallint,
	"sen_needs" text[] NOT NULL,
	"fsm_periods" jsonb NOT NULL,
	"former_upns" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress"."pupil_school_history" (
	"pupil_id" text NOT NULL,
	"position" smallint NOT NULL,
	"lea" text NOT NULL,
	"estab" text NOT NULL,
	"urn" integer,
	"school_name" text NOT NULL,
	"entry_date" date,
	"leaving_date" date,
	"leaving_reason" text,
	CONSTRAINT "pupil_school_history_pupil_id_position_pk" PRIMARY KEY("pupil_id","position")
);

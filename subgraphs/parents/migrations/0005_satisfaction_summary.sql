CREATE TABLE "parents"."satisfaction_summary" (
	"urn" integer NOT NULL,
	"academic_year" smallint NOT NULL,
	"responses" integer NOT NULL,
	"recommend" integer NOT NULL,
	"answers" jsonb NOT NULL,
	CONSTRAINT "satisfaction_summary_urn_academic_year_pk" PRIMARY KEY("urn","academic_year")
);

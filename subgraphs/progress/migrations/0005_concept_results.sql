CREATE TABLE "progress"."concept_results" (
	"pupil_id" text NOT NULL,
	"urn" integer NOT NULL,
	"subject" text NOT NULL,
	"concept" text NOT NULL,
	"assessed_on" date NOT NULL,
	"academic_year" smallint NOT NULL,
	"term" smallint NOT NULL,
	"year_group" smallint NOT NULL,
	"points" real NOT NULL,
	"expected_points" real NOT NULL,
	CONSTRAINT "concept_results_pupil_id_assessed_on_subject_concept_pk" PRIMARY KEY("pupil_id","assessed_on","subject","concept")
);

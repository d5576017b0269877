CREATE TABLE "progress"."pupil_moves" (
	"pupil_id" text NOT NULL,
	"from_urn" integer NOT NULL,
	"to_urn" integer NOT NULL,
	"leaving_date" date NOT NULL,
	CONSTRAINT "pupil_moves_pupil_id_from_urn_pk" PRIMARY KEY("pupil_id","from_urn")
);

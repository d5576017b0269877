CREATE TABLE "parents"."pupil_moves" (
	"pupil_id" text NOT NULL,
	"from_urn" integer NOT NULL,
	"leaving_date" date NOT NULL,
	CONSTRAINT "pupil_moves_pupil_id_from_urn_pk" PRIMARY KEY("pupil_id","from_urn")
);
--> statement-breakpoint
ALTER TABLE "parents"."pupil_moves" ADD CONSTRAINT "pupil_moves_pupil_id_pupil_directory_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "parents"."pupil_directory"("id") ON DELETE no action ON UPDATE no action;
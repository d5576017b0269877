CREATE TABLE "progress"."carer_links" (
	"carer_id" text NOT NULL,
	"pupil_id" text NOT NULL,
	"urn" integer NOT NULL,
	CONSTRAINT "carer_links_carer_id_pupil_id_pk" PRIMARY KEY("carer_id","pupil_id")
);
--> statement-breakpoint
CREATE INDEX "carer_links_pupil_idx" ON "progress"."carer_links" USING btree ("pupil_id");
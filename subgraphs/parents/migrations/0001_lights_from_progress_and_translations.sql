CREATE TABLE "parents"."teacher_light_statuses" (
	"pupil_id" text NOT NULL,
	"urn" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"subject" text NOT NULL,
	"concept" text NOT NULL,
	"status" text NOT NULL,
	"set_by_staff_id" text,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teacher_light_statuses_pupil_id_assessed_on_subject_concept_pk" PRIMARY KEY("pupil_id","assessed_on","subject","concept")
);
--> statement-breakpoint
ALTER TABLE "parents"."teacher_light_statuses" ADD CONSTRAINT "teacher_light_statuses_pupil_id_pupil_directory_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "parents"."pupil_directory"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Keep the statuses teachers set themselves; every other light now comes from the progress subgraph.
INSERT INTO "parents"."teacher_light_statuses" ("pupil_id", "urn", "assessed_on", "subject", "concept", "status")
SELECT "pupil_id", "urn", "assessed_on", "subject", "concept", "status" FROM "parents"."traffic_lights" WHERE "set_by" = 'TEACHER';
--> statement-breakpoint
DROP TABLE "parents"."traffic_lights" CASCADE;
--> statement-breakpoint
CREATE TABLE "parents"."message_translations" (
	"message_id" bigint NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "message_translations_message_id_language_pk" PRIMARY KEY("message_id","language")
);
--> statement-breakpoint
ALTER TABLE "parents"."messages" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "parents"."message_translations" ADD CONSTRAINT "message_translations_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "parents"."messages"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Messages from the school so far were written in English.
UPDATE "parents"."messages" SET "language" = 'en' WHERE "sender" <> 'CARER';

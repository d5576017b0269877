CREATE TABLE "progress"."feedback_answered" (
	"survey_id" bigint NOT NULL,
	"pupil_id" text NOT NULL,
	"urn" integer NOT NULL,
	CONSTRAINT "feedback_answered_survey_id_pupil_id_pk" PRIMARY KEY("survey_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "progress"."feedback_counts" (
	"survey_id" bigint NOT NULL,
	"urn" integer NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "feedback_counts_survey_id_question_answer_pk" PRIMARY KEY("survey_id","question","answer")
);
--> statement-breakpoint
CREATE TABLE "progress"."feedback_questions" (
	"code" text PRIMARY KEY NOT NULL,
	"wording" text NOT NULL,
	"position" smallint NOT NULL,
	"retired_on" date
);
--> statement-breakpoint
CREATE TABLE "progress"."feedback_surveys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"academic_year" smallint NOT NULL,
	"year_group" smallint NOT NULL,
	"subject" text NOT NULL,
	"class_name" text,
	"questions" text[] NOT NULL,
	"open_until" date,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"respondents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "feedback_surveys_year_group" CHECK ("progress"."feedback_surveys"."year_group" between 5 and 13)
);
--> statement-breakpoint
CREATE INDEX "feedback_answered_pupil_idx" ON "progress"."feedback_answered" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "feedback_surveys_school_idx" ON "progress"."feedback_surveys" USING btree ("urn","academic_year","year_group");--> statement-breakpoint
-- The question bank the report suggests; more are added as rows.
INSERT INTO "progress"."feedback_questions" ("code", "wording", "position") VALUES
  ('HELPED_ME_LEARN', 'Did the lesson help you learn?', 1),
  ('KNEW_HOW_TO_IMPROVE', 'Did you know what to do to improve?', 2),
  ('USEFUL_FEEDBACK', 'Did you get feedback you could use?', 3);

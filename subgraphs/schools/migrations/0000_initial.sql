CREATE SCHEMA "schools";
--> statement-breakpoint
CREATE TABLE "schools"."departments" (
	"id" text PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"name" text NOT NULL,
	"subject" text
);
--> statement-breakpoint
CREATE TABLE "schools"."local_authorities" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schools"."schools" (
	"urn" integer PRIMARY KEY NOT NULL,
	"laestab" integer NOT NULL,
	"la_code" text NOT NULL,
	"estab" integer NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"phase" text NOT NULL,
	"constituency" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"pupils_on_roll" real NOT NULL,
	"primary_on_roll" real NOT NULL,
	"secondary_on_roll" real NOT NULL,
	"disadvantaged_pupils" real NOT NULL,
	"percent_disadvantaged" real NOT NULL,
	"trust_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schools"."staff" (
	"id" text PRIMARY KEY NOT NULL,
	"urn" integer NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"department_id" text
);
--> statement-breakpoint
CREATE TABLE "schools"."trusts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "schools"."departments" ADD CONSTRAINT "departments_urn_schools_urn_fk" FOREIGN KEY ("urn") REFERENCES "schools"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools"."schools" ADD CONSTRAINT "schools_la_code_local_authorities_code_fk" FOREIGN KEY ("la_code") REFERENCES "schools"."local_authorities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools"."schools" ADD CONSTRAINT "schools_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "schools"."trusts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools"."staff" ADD CONSTRAINT "staff_urn_schools_urn_fk" FOREIGN KEY ("urn") REFERENCES "schools"."schools"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools"."staff" ADD CONSTRAINT "staff_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "schools"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "departments_urn_idx" ON "schools"."departments" USING btree ("urn");--> statement-breakpoint
CREATE INDEX "schools_la_code_idx" ON "schools"."schools" USING btree ("la_code","urn");--> statement-breakpoint
CREATE INDEX "schools_trust_id_idx" ON "schools"."schools" USING btree ("trust_id","urn");--> statement-breakpoint
CREATE INDEX "schools_similar_idx" ON "schools"."schools" USING btree ("phase","pupils_on_roll");--> statement-breakpoint
CREATE INDEX "staff_urn_idx" ON "schools"."staff" USING btree ("urn");--> statement-breakpoint
CREATE INDEX "staff_department_idx" ON "schools"."staff" USING btree ("department_id");
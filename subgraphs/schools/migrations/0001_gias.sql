ALTER TABLE "schools"."schools" DROP CONSTRAINT "schools_trust_id_trusts_id_fk";
--> statement-breakpoint
ALTER TABLE "schools"."schools" ADD COLUMN "opened_on" date;--> statement-breakpoint
ALTER TABLE "schools"."schools" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "schools"."trusts" ADD COLUMN "group_uid" integer;--> statement-breakpoint
ALTER TABLE "schools"."trusts" ADD COLUMN "companies_house_number" text;--> statement-breakpoint
ALTER TABLE "schools"."schools" ADD CONSTRAINT "schools_trust_id_trusts_id_fk" FOREIGN KEY ("trust_id") REFERENCES "schools"."trusts"("id") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
CREATE UNIQUE INDEX "trusts_group_uid_idx" ON "schools"."trusts" USING btree ("group_uid");
CREATE TABLE "parents"."consultation_settings" (
	"urn" integer PRIMARY KEY NOT NULL,
	"bookings_per_child" smallint NOT NULL,
	"set_by_staff_id" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_settings_per_child_check" CHECK ("parents"."consultation_settings"."bookings_per_child" between 1 and 10)
);

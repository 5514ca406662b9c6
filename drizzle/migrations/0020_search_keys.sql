CREATE TABLE "org"."search_keys" (
	"organisation_id" integer PRIMARY KEY NOT NULL,
	"abbreviation" text NOT NULL,
	"initials" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org"."search_keys" ADD CONSTRAINT "search_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "org"."organisations"("id") ON DELETE no action ON UPDATE no action;
CREATE SCHEMA "hierarchy";
--> statement-breakpoint
CREATE TABLE "hierarchy"."liaisons" (
	"organisation_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "liaisons_organisation_id_district_id_valid_from_pk" PRIMARY KEY("organisation_id","district_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "hierarchy"."organisations" (
	"id" integer PRIMARY KEY NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hierarchy"."paths" (
	"organisation_id" integer NOT NULL,
	"path" integer[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "paths_organisation_id_valid_from_pk" PRIMARY KEY("organisation_id","valid_from")
);
--> statement-breakpoint
CREATE INDEX "liaisons_district_id_index" ON "hierarchy"."liaisons" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "paths_path_gin" ON "hierarchy"."paths" USING gin ("path");--> statement-breakpoint
-- Fill the read model from the tables it is derived from; org.hierarchy, which held the paths, goes in 0007.
INSERT INTO "hierarchy"."organisations" ("id", "kind") SELECT "id", "kind"::text FROM "org"."organisations";--> statement-breakpoint
INSERT INTO "hierarchy"."paths" ("organisation_id", "path", "valid_from", "valid_to") SELECT "organisation_id", "path", "valid_from", "valid_to" FROM "org"."hierarchy";--> statement-breakpoint
INSERT INTO "hierarchy"."liaisons" ("organisation_id", "district_id", "valid_from", "valid_to") SELECT "from_id", "to_id", "valid_from", "valid_to" FROM "org"."relationships" WHERE "kind" = 'LIAISON';

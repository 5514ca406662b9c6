CREATE TYPE "people"."society_link_status" AS ENUM('PENDING', 'CONFIRMED', 'DECLINED', 'ENDED');--> statement-breakpoint
DROP INDEX "people"."society_links_one_open_number";--> statement-breakpoint
DROP INDEX "people"."society_links_one_open_person";--> statement-breakpoint
ALTER TABLE "people"."persons" ADD COLUMN "identity_number_hash" text;--> statement-breakpoint
ALTER TABLE "people"."society_links" ADD COLUMN "status" "people"."society_link_status" DEFAULT 'PENDING' NOT NULL;--> statement-breakpoint
ALTER TABLE "people"."society_links" ADD COLUMN "decided_on" date;--> statement-breakpoint
ALTER TABLE "people"."society_links" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "people"."society_links" ADD COLUMN "decided_for_organisation_id" integer;--> statement-breakpoint
-- Links made before consent existed were made by the society or municipal staff and have been in force since: they
-- count as confirmed on their first day (ended ones as ended), said so by who decided.
UPDATE "people"."society_links" SET "status" = CASE WHEN "valid_to" IS NULL THEN 'CONFIRMED'::"people"."society_link_status" ELSE 'ENDED'::"people"."society_link_status" END,
  "decided_on" = "valid_from", "decided_by" = 'system:before-consent';--> statement-breakpoint
CREATE INDEX "persons_identity_number_hash_index" ON "people"."persons" USING btree ("identity_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "society_links_one_open_number" ON "people"."society_links" USING btree ("society_id","society_member_no") WHERE status in ('PENDING', 'CONFIRMED');--> statement-breakpoint
CREATE UNIQUE INDEX "society_links_one_open_person" ON "people"."society_links" USING btree ("society_id","person_id") WHERE status in ('PENDING', 'CONFIRMED');
-- Issue 12, people subgraph: backfill of rows written before 0010_people_rules. (Its snapshot, and 0011's, list a
-- people.nominator type that no migration creates: it was dropped from the schema before anything applied it.)
-- R23.revoke: every revocation already recorded names its membership in the resolution that decided it.
INSERT INTO "people"."resolution_memberships" ("resolution_id", "membership_id")
SELECT "revocation_resolution_id", "id" FROM "people"."memberships" WHERE "revocation_resolution_id" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- R26.report: reports recorded before confirmation existed keep the day they were recorded with, as received by an
-- unknown body (receipt_confirmed_by_id stays null); new ones count from the approving association's confirmation.
UPDATE "people"."congresses" SET "receipt_confirmed_on" = "reported_on" WHERE "reported_on" IS NOT NULL AND "receipt_confirmed_on" IS NULL;--> statement-breakpoint
-- R31.quorum: a meeting's member count is the committee's members on the day (chair, vice-chairs, members), not
-- everyone with a post in it (secretariat staff, liaison officers and secretaries-general no longer count).
UPDATE "people"."meetings" mt SET "member_count" = (
  SELECT count(DISTINCT p."person_id")::int FROM "people"."posts" p
  WHERE p."committee_id" = mt."committee_id" AND p."role" IN ('CHAIR', 'VICE_CHAIR', 'COMMITTEE_MEMBER')
    AND p."valid_from" <= mt."held_on" AND (p."valid_to" IS NULL OR p."valid_to" > mt."held_on"));

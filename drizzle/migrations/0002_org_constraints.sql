-- The database itself refuses overlapping validity for relationships that hold one at a time, so that two
-- concurrent changes cannot both commit an overlap. Valid-to is exclusive: a relationship ending on a day and its
-- successor starting that day do not overlap.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "org"."relationships" ADD CONSTRAINT "relationships_one_chain_parent"
  EXCLUDE USING gist ("from_id" WITH =, daterange("valid_from", "valid_to") WITH &&) WHERE ("kind" IN ('GUIDANCE', 'APPROVAL'));
--> statement-breakpoint
ALTER TABLE "org"."relationships" ADD CONSTRAINT "relationships_one_liaison"
  EXCLUDE USING gist ("from_id" WITH =, daterange("valid_from", "valid_to") WITH &&) WHERE ("kind" = 'LIAISON');
--> statement-breakpoint
ALTER TABLE "org"."relationships" ADD CONSTRAINT "relationships_one_group_guidance"
  EXCLUDE USING gist ("from_id" WITH =, daterange("valid_from", "valid_to") WITH &&) WHERE ("kind" = 'GROUP_GUIDANCE');
--> statement-breakpoint
ALTER TABLE "org"."relationships" ADD CONSTRAINT "relationships_no_duplicate_group_member"
  EXCLUDE USING gist ("from_id" WITH =, "to_id" WITH =, daterange("valid_from", "valid_to") WITH &&) WHERE ("kind" = 'GROUP_MEMBER');
--> statement-breakpoint
ALTER TABLE "org"."relationships" ADD CONSTRAINT "relationships_no_duplicate_federation_member"
  EXCLUDE USING gist ("from_id" WITH =, "to_id" WITH =, daterange("valid_from", "valid_to") WITH &&) WHERE ("kind" = 'FEDERATION_MEMBER');
--> statement-breakpoint
ALTER TABLE "org"."relationships" ADD CONSTRAINT "relationships_valid_range" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from");

-- R32.chair: one chair per association at a time, held by the database so that concurrent appointments cannot both
-- commit. Valid-to is exclusive, so a chair ending on a day and the next one starting that day do not overlap.
ALTER TABLE "people"."posts" ADD CONSTRAINT "posts_one_chair"
  EXCLUDE USING gist ("organisation_id" WITH =, daterange("valid_from", "valid_to") WITH &&) WHERE ("role" = 'CHAIR');
--> statement-breakpoint
ALTER TABLE "people"."posts" ADD CONSTRAINT "posts_valid_range" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from");
--> statement-breakpoint
ALTER TABLE "people"."memberships" ADD CONSTRAINT "memberships_valid_range" CHECK ("valid_to" IS NULL OR "valid_from" IS NULL OR "valid_to" >= "valid_from");
--> statement-breakpoint
ALTER TABLE "people"."society_links" ADD CONSTRAINT "society_links_valid_range" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from");
--> statement-breakpoint
ALTER TABLE "people"."dues_payments" ADD CONSTRAINT "dues_positive" CHECK ("amount_fen" > 0);
--> statement-breakpoint
ALTER TABLE "people"."resolutions" ADD CONSTRAINT "resolutions_votes_non_negative" CHECK ("votes_for" >= 0 AND "votes_against" >= 0 AND "votes_abstaining" >= 0);
--> statement-breakpoint
ALTER TABLE "people"."congresses" ADD CONSTRAINT "congresses_term" CHECK ("term_years" BETWEEN 3 AND 5);
--> statement-breakpoint
ALTER TABLE "activities"."funding_records" ADD CONSTRAINT "funding_positive" CHECK ("amount_fen" > 0);
--> statement-breakpoint
ALTER TABLE "activities"."financial_reports" ADD CONSTRAINT "financial_reports_non_negative" CHECK ("income_fen" >= 0 AND "expenditure_fen" >= 0);
--> statement-breakpoint
ALTER TABLE "activities"."activities" ADD CONSTRAINT "activities_dates" CHECK ("ends_on" >= "starts_on");

-- Issue 12, people subgraph. R23.revoke: a resolution names the memberships it decides on.
CREATE TABLE "people"."resolution_memberships" (
	"resolution_id" integer NOT NULL,
	"membership_id" integer NOT NULL,
	CONSTRAINT "resolution_memberships_resolution_id_membership_id_pk" PRIMARY KEY("resolution_id","membership_id")
);
--> statement-breakpoint
-- Dates: an event's effective day is always written by the command in China's calendar, never the server's UTC day.
ALTER TABLE "people"."events" ALTER COLUMN "effective_on" DROP DEFAULT;--> statement-breakpoint
-- R26.report: the approving association's confirmation of receipt.
ALTER TABLE "people"."congresses" ADD COLUMN "receipt_confirmed_on" date;--> statement-breakpoint
ALTER TABLE "people"."congresses" ADD COLUMN "receipt_confirmed_by_id" integer;--> statement-breakpoint
-- R30.officers: the committee resolution that elected or approved a post holder.
ALTER TABLE "people"."posts" ADD COLUMN "elected_by_resolution_id" integer;--> statement-breakpoint
ALTER TABLE "people"."resolution_memberships" ADD CONSTRAINT "resolution_memberships_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "people"."resolutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people"."resolution_memberships" ADD CONSTRAINT "resolution_memberships_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "people"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resolution_memberships_membership_id_index" ON "people"."resolution_memberships" USING btree ("membership_id");--> statement-breakpoint
ALTER TABLE "people"."posts" ADD CONSTRAINT "posts_elected_by_resolution_id_resolutions_id_fk" FOREIGN KEY ("elected_by_resolution_id") REFERENCES "people"."resolutions"("id") ON DELETE no action ON UPDATE no action;

CREATE TABLE "people"."member_counts_state" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "member_counts_state_singleton" CHECK ("people"."member_counts_state"."singleton")
);
--> statement-breakpoint
CREATE TABLE "people"."member_counts_today" (
	"organisation_id" integer PRIMARY KEY NOT NULL,
	"members" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities"."activity_counts" (
	"organisation_id" integer NOT NULL,
	"year" integer NOT NULL,
	"kind" "activities"."activity_kind" NOT NULL,
	"activities" integer NOT NULL,
	CONSTRAINT "activity_counts_organisation_id_year_kind_pk" PRIMARY KEY("organisation_id","year","kind")
);
--> statement-breakpoint
CREATE TABLE "activities"."co_organisers" (
	"activity_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"year" integer NOT NULL,
	"kind" "activities"."activity_kind" NOT NULL,
	CONSTRAINT "co_organisers_activity_id_organisation_id_pk" PRIMARY KEY("activity_id","organisation_id")
);
--> statement-breakpoint
ALTER TABLE "activities"."co_organisers" ADD CONSTRAINT "co_organisers_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "activities"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_counts_year_index" ON "activities"."activity_counts" USING btree ("year");--> statement-breakpoint
CREATE INDEX "co_organisers_organisation_id_year_index" ON "activities"."co_organisers" USING btree ("organisation_id","year");--> statement-breakpoint
CREATE INDEX "co_organisers_year_index" ON "activities"."co_organisers" USING btree ("year");--> statement-breakpoint
-- Count the activities recorded so far, as the activities subgraph keeps the counts with deltas (data/activities.ts)
-- and the seed builds them (rebuildActivityCounts). The member counts need nothing here: with no
-- member_counts_state row, the first read of today's counts builds them.
INSERT INTO "activities"."activity_counts" ("organisation_id", "year", "kind", "activities")
SELECT ao.organisation_id, extract(year FROM a.starts_on)::int, a.kind, count(*)::int
FROM "activities"."activity_organisers" ao
JOIN "activities"."activities" a ON a.id = ao.activity_id
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "activities"."co_organisers" ("activity_id", "organisation_id", "year", "kind")
SELECT ao.activity_id, ao.organisation_id, extract(year FROM a.starts_on)::int, a.kind
FROM "activities"."activity_organisers" ao
JOIN "activities"."activities" a ON a.id = ao.activity_id
WHERE ao.activity_id IN (SELECT activity_id FROM "activities"."activity_organisers" GROUP BY activity_id HAVING count(*) > 1);

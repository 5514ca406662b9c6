CREATE TABLE "hierarchy"."statuses" (
	"organisation_id" integer NOT NULL,
	"status" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "statuses_organisation_id_valid_from_pk" PRIMARY KEY("organisation_id","valid_from")
);
--> statement-breakpoint
ALTER TABLE "hierarchy"."organisations" ADD COLUMN "established_on" date;--> statement-breakpoint
-- Fill the new parts of the read model from the tables they are derived from (as @cq/db/hierarchy-maintenance does).
UPDATE "hierarchy"."organisations" h SET "established_on" = o."established_on" FROM "org"."organisations" o WHERE o."id" = h."id";--> statement-breakpoint
INSERT INTO "hierarchy"."statuses" ("organisation_id", "status", "valid_from", "valid_to")
SELECT organisation_id, status, valid_from, lead(valid_from) OVER (PARTITION BY organisation_id ORDER BY valid_from)
FROM (
  SELECT DISTINCT ON (e.organisation_id, e.effective_on) e.organisation_id, e.after->>'status' AS status, e.effective_on AS valid_from
  FROM "org"."events" e WHERE e.after ? 'status'
  ORDER BY e.organisation_id, e.effective_on, e.id DESC
) changes
UNION ALL
SELECT o.id, o.status::text, '-infinity'::date, NULL::date FROM "org"."organisations" o
WHERE NOT EXISTS (SELECT 1 FROM "org"."events" e WHERE e.organisation_id = o.id AND e.after ? 'status');

CREATE SCHEMA "decisions";
--> statement-breakpoint
CREATE TABLE "decisions"."resolutions" (
	"id" integer PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"committee_kind" text NOT NULL,
	"held_on" date NOT NULL,
	"outcome" text NOT NULL
);
--> statement-breakpoint
-- Publish the resolutions recorded so far, with the outcome the people subgraph computes (R31.quorum: at least two
-- thirds of the members attend, counting only attendees holding a member post that day; R31.majority: at least half
-- of those attending vote for it), as @cq/db/decisions-maintenance does.
INSERT INTO "decisions"."resolutions" ("id", "organisation_id", "committee_kind", "held_on", "outcome")
SELECT r.id, k.organisation_id, k.kind::text, mt.held_on,
       CASE WHEN NOT (mt.member_count > 0 AND a.n * 3 >= mt.member_count * 2) THEN 'NO_QUORUM'
            WHEN r.votes_for * 2 >= a.n THEN 'PASSED' ELSE 'FAILED' END
FROM "people"."resolutions" r
JOIN "people"."meetings" mt ON mt.id = r.meeting_id
JOIN "people"."committees" k ON k.id = mt.committee_id
CROSS JOIN LATERAL (
  SELECT count(*)::int AS n FROM "people"."meeting_attendance" x
  WHERE x.meeting_id = mt.id AND EXISTS (
    SELECT 1 FROM "people"."posts" p WHERE p.committee_id = mt.committee_id AND p.person_id = x.person_id
      AND p.role IN ('CHAIR', 'VICE_CHAIR', 'COMMITTEE_MEMBER') AND p.valid_from <= mt.held_on AND (p.valid_to IS NULL OR p.valid_to > mt.held_on))
) a;

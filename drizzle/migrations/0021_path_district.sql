ALTER TABLE "hierarchy"."paths" ADD COLUMN "district_id" integer;--> statement-breakpoint
-- The paths already there get their district association, as the read model's maintenance now writes it.
UPDATE "hierarchy"."paths" w SET "district_id" = (SELECT d.id FROM unnest(w.path) AS d(id) JOIN "hierarchy"."organisations" k ON k.id = d.id AND k.kind = 'DISTRICT_ASSOCIATION' LIMIT 1);

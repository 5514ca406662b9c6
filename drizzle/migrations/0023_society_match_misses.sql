CREATE TABLE "people"."society_match_misses" (
	"society_id" integer NOT NULL,
	"day" date NOT NULL,
	"subject" text NOT NULL,
	"misses" integer NOT NULL,
	CONSTRAINT "society_match_misses_society_id_day_subject_pk" PRIMARY KEY("society_id","day","subject")
);

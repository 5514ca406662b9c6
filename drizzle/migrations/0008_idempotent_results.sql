CREATE TABLE "audit"."idempotent_results" (
	"service" text NOT NULL,
	"actor" text NOT NULL,
	"key" text NOT NULL,
	"field" text NOT NULL,
	"fingerprint" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotent_results_service_actor_key_field_pk" PRIMARY KEY("service","actor","key","field")
);

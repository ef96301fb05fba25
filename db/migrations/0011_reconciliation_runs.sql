CREATE TABLE "reconciliation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"requested_by_id" uuid,
	"finished_at" timestamp with time zone,
	"checked" integer,
	"mismatches" integer,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD CONSTRAINT "reconciliation_runs_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reconciliation_runs_started_idx" ON "reconciliation_runs" USING btree ("started_at");--> statement-breakpoint
-- Runs from before this table that found differences (a run that matched left no trace, and cannot be recovered).
INSERT INTO "reconciliation_runs" ("started_at", "finished_at", "mismatches")
SELECT "run_at", "run_at", count(*) FROM "reconciliation_issues" GROUP BY "run_at";

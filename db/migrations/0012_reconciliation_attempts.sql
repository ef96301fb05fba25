ALTER TABLE "reconciliation_runs" ADD COLUMN "job_id" text;--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD COLUMN "attempts" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD CONSTRAINT "reconciliation_runs_jobId_unique" UNIQUE("job_id");
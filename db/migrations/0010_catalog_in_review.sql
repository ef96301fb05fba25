DROP INDEX "initiatives_catalog_newest_idx";--> statement-breakpoint
DROP INDEX "initiatives_catalog_demand_idx";--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "initiative_endorsements" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "initiatives_catalog_newest_idx" ON "initiatives" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status in ('in_review', 'changes_requested', 'open', 'funded', 'in_progress', 'delivered');--> statement-breakpoint
CREATE INDEX "initiatives_catalog_demand_idx" ON "initiatives" USING btree ("demand_organizations" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status in ('in_review', 'changes_requested', 'open', 'funded', 'in_progress', 'delivered');
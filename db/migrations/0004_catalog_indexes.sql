DROP INDEX "initiatives_status_created_idx";--> statement-breakpoint
DROP INDEX "initiatives_status_demand_idx";--> statement-breakpoint
CREATE INDEX "initiatives_catalog_newest_idx" ON "initiatives" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status in ('open', 'funded', 'in_progress', 'delivered');--> statement-breakpoint
CREATE INDEX "initiatives_catalog_demand_idx" ON "initiatives" USING btree ("demand_organizations" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status in ('open', 'funded', 'in_progress', 'delivered');--> statement-breakpoint
CREATE INDEX "initiatives_status_created_idx" ON "initiatives" USING btree ("status","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "initiatives_status_demand_idx" ON "initiatives" USING btree ("status","demand_organizations" DESC NULLS FIRST);
CREATE TABLE "subsidy_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"tier_id" uuid NOT NULL,
	"statement" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"applied_by_id" uuid,
	"decided_by_id" uuid,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"membership_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_tier_id_membership_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."membership_tiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_applied_by_id_users_id_fk" FOREIGN KEY ("applied_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_applications" ADD CONSTRAINT "subsidy_applications_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_applications_pending_org_idx" ON "subsidy_applications" USING btree ("organization_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "subsidy_applications_status_idx" ON "subsidy_applications" USING btree ("status","created_at");
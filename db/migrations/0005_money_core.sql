CREATE TABLE "membership_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"membership_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operation" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"organization_id" uuid,
	"membership_id" uuid,
	"actor_id" uuid,
	"request" jsonb NOT NULL,
	"status" text DEFAULT 'started' NOT NULL,
	"stripe_object_id" text,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "payment_attempts_idempotencyKey_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "payment_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"processor_object_id" text NOT NULL,
	"stripe_event_id" text,
	"membership_id" uuid,
	"problem" text NOT NULL,
	"expected_minor" bigint,
	"actual_minor" bigint,
	"currency" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"membership_id" uuid,
	"stripe_invoice_id" text NOT NULL,
	"number" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"payer_name" text NOT NULL,
	"payer_email" text,
	"billing_address" jsonb,
	"tax_id" text,
	"po_number" text,
	"lines" jsonb NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"processor_reference" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipts_stripeInvoiceId_unique" UNIQUE("stripe_invoice_id")
);
--> statement-breakpoint
ALTER TABLE "membership_tiers" ADD COLUMN "stripe_product_id" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "next_tier_id" uuid;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "next_amount_minor" integer;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "api_version" text;--> statement-breakpoint
ALTER TABLE "membership_transitions" ADD CONSTRAINT "membership_transitions_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_transitions" ADD CONSTRAINT "membership_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_exceptions" ADD CONSTRAINT "payment_exceptions_stripe_event_id_stripe_events_id_fk" FOREIGN KEY ("stripe_event_id") REFERENCES "public"."stripe_events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_exceptions" ADD CONSTRAINT "payment_exceptions_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "membership_transitions_membership_idx" ON "membership_transitions" USING btree ("membership_id","at");--> statement-breakpoint
CREATE INDEX "payment_attempts_org_idx" ON "payment_attempts" USING btree ("organization_id","operation","created_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_membership_idx" ON "payment_attempts" USING btree ("membership_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_exceptions_object_idx" ON "payment_exceptions" USING btree ("kind","processor_object_id");--> statement-breakpoint
CREATE INDEX "payment_exceptions_open_idx" ON "payment_exceptions" USING btree ("resolved_at","created_at");--> statement-breakpoint
CREATE INDEX "receipts_org_idx" ON "receipts" USING btree ("organization_id","paid_at");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_next_tier_id_membership_tiers_id_fk" FOREIGN KEY ("next_tier_id") REFERENCES "public"."membership_tiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_messages_status_idx" ON "email_messages" USING btree ("status","created_at");--> statement-breakpoint
ALTER TABLE "membership_tiers" ADD CONSTRAINT "membership_tiers_stripeProductId_unique" UNIQUE("stripe_product_id");
--> statement-breakpoint
-- Memberships that existed before the transition history get one row saying so.
INSERT INTO "membership_transitions" ("membership_id", "from_status", "to_status", "reason", "at")
SELECT "id", NULL, "status", 'recorded before the transition history', "created_at" FROM "memberships";
--> statement-breakpoint
-- No membership row and no history row is ever deleted; history rows are never changed (issue 9, section 4).
CREATE FUNCTION "commons_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: money records are append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER "memberships_no_delete" BEFORE DELETE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "commons_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "membership_transitions_append_only" BEFORE UPDATE OR DELETE ON "membership_transitions"
  FOR EACH ROW EXECUTE FUNCTION "commons_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "receipts_append_only" BEFORE UPDATE OR DELETE ON "receipts"
  FOR EACH ROW EXECUTE FUNCTION "commons_refuse_change"();

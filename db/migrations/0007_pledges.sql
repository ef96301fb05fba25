CREATE TABLE "pledge_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pledge_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"actor_id" uuid,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_by_id" uuid,
	"status" text NOT NULL,
	"method" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"show_name" boolean DEFAULT true NOT NULL,
	"show_amount" boolean DEFAULT true NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"payment_method_id" text,
	"card_brand" text,
	"card_last4" text,
	"card_exp_month" smallint,
	"card_exp_year" smallint,
	"setup_session_id" text,
	"invoice_contact" jsonb,
	"stripe_invoice_id" text,
	"payment_intent_id" text,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"recovery" text,
	"failure_code" text,
	"decline_code" text,
	"advice_code" text,
	"failure_message" text,
	"next_retry_at" timestamp with time zone,
	"funded_at" timestamp with time zone,
	"window_ends_at" timestamp with time zone,
	"final_retry_at" timestamp with time zone,
	"last_reminder_at" timestamp with time zone,
	"card_warned_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"collected_minor" bigint,
	"fee_minor" bigint,
	"committed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledges_amount_check" CHECK ("pledges"."amount_minor" > 0),
	CONSTRAINT "pledges_currency_check" CHECK ("pledges"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "pledges_message_length_check" CHECK (char_length("pledges"."message") <= 500),
	CONSTRAINT "pledges_attempts_check" CHECK ("pledges"."attempt_count" between 0 and 8)
);
--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "min_pledge_minor" integer DEFAULT 10000 NOT NULL;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "pledged_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "pledge_organizations" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "match_rule" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "match_cap_minor" bigint;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "match_cap_share_bp" integer;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "matched_minor" bigint;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "funded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "initiatives" ADD COLUMN "stripe_product_id" text;--> statement-breakpoint
ALTER TABLE "ledger_groups" ADD COLUMN "pledge_id" uuid;--> statement-breakpoint
ALTER TABLE "ledger_groups" ADD COLUMN "initiative_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "pledge_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_exceptions" ADD COLUMN "pledge_id" uuid;--> statement-breakpoint
ALTER TABLE "receipts" ADD COLUMN "pledge_id" uuid;--> statement-breakpoint
ALTER TABLE "pledge_transitions" ADD CONSTRAINT "pledge_transitions_pledge_id_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_transitions" ADD CONSTRAINT "pledge_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pledge_transitions_pledge_idx" ON "pledge_transitions" USING btree ("pledge_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "pledges_initiative_org_idx" ON "pledges" USING btree ("initiative_id","organization_id");--> statement-breakpoint
CREATE INDEX "pledges_initiative_status_idx" ON "pledges" USING btree ("initiative_id","status","amount_minor" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pledges_org_idx" ON "pledges" USING btree ("organization_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pledges_retry_idx" ON "pledges" USING btree ("next_retry_at") WHERE "pledges"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "pledges_payment_intent_idx" ON "pledges" USING btree ("payment_intent_id");--> statement-breakpoint
ALTER TABLE "ledger_groups" ADD CONSTRAINT "ledger_groups_pledge_id_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_groups" ADD CONSTRAINT "ledger_groups_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_pledge_id_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_exceptions" ADD CONSTRAINT "payment_exceptions_pledge_id_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_pledge_id_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "initiatives_open_deadline_idx" ON "initiatives" USING btree ("pledge_deadline","id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "initiatives_open_progress_idx" ON "initiatives" USING btree ((pledged_minor * 10000 / goal_minor) desc,"id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "ledger_groups_pledge_idx" ON "ledger_groups" USING btree ("pledge_id");--> statement-breakpoint
CREATE INDEX "ledger_groups_initiative_idx" ON "ledger_groups" USING btree ("initiative_id","kind");--> statement-breakpoint
CREATE INDEX "payment_attempts_pledge_idx" ON "payment_attempts" USING btree ("pledge_id","created_at");--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_pledged_check" CHECK ("initiatives"."pledged_minor" >= 0 and "initiatives"."pledge_organizations" >= 0);--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_min_pledge_check" CHECK ("initiatives"."min_pledge_minor" > 0);--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_match_share_check" CHECK ("initiatives"."match_cap_share_bp" is null or "initiatives"."match_cap_share_bp" between 1 and 10000);--> statement-breakpoint
-- Nothing about money is deleted (issue 10): a pledge is never deleted, its history never changed.
CREATE TRIGGER "pledges_no_delete" BEFORE DELETE ON "pledges"
  FOR EACH ROW EXECUTE FUNCTION "commons_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "pledge_transitions_append_only" BEFORE UPDATE OR DELETE ON "pledge_transitions"
  FOR EACH ROW EXECUTE FUNCTION "commons_refuse_change"();

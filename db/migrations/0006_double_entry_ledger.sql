-- ADR 0012: the single-entry ledger becomes double-entry. The old table is kept,
-- renamed and read-only, after every row is carried into the new shape below.
ALTER TABLE "ledger_entries" RENAME TO "ledger_entries_v1";
--> statement-breakpoint
ALTER INDEX "ledger_entries_processor_idx" RENAME TO "ledger_entries_v1_processor_idx";
--> statement-breakpoint
ALTER INDEX "ledger_entries_occurred_idx" RENAME TO "ledger_entries_v1_occurred_idx";
--> statement-breakpoint
ALTER INDEX "ledger_entries_org_idx" RENAME TO "ledger_entries_v1_org_idx";
--> statement-breakpoint
ALTER TABLE "ledger_entries_v1" RENAME CONSTRAINT "ledger_entries_currency_check" TO "ledger_entries_v1_currency_check";
--> statement-breakpoint
ALTER TABLE "ledger_entries_v1" RENAME CONSTRAINT "ledger_entries_pkey" TO "ledger_entries_v1_pkey";
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"organization_id" uuid,
	"initiative_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_org_check" CHECK (("ledger_accounts"."kind" = 'organization') = ("ledger_accounts"."organization_id" is not null)),
	CONSTRAINT "ledger_accounts_initiative_check" CHECK (("ledger_accounts"."kind" = 'initiative_funds') = ("ledger_accounts"."initiative_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "ledger_entries_currency_check" CHECK ("ledger_entries"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "ledger_entries_nonzero_check" CHECK ("ledger_entries"."amount_minor" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"processor_object_id" text,
	"organization_id" uuid,
	"membership_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "ledger_groups_idempotencyKey_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_group_id_ledger_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."ledger_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_groups" ADD CONSTRAINT "ledger_groups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_groups" ADD CONSTRAINT "ledger_groups_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_groups" ADD CONSTRAINT "ledger_groups_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_network_idx" ON "ledger_accounts" USING btree ("kind") WHERE "ledger_accounts"."organization_id" is null and "ledger_accounts"."initiative_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_org_idx" ON "ledger_accounts" USING btree ("kind","organization_id") WHERE "ledger_accounts"."organization_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_initiative_idx" ON "ledger_accounts" USING btree ("kind","initiative_id") WHERE "ledger_accounts"."initiative_id" is not null;--> statement-breakpoint
CREATE INDEX "ledger_entries_group_idx" ON "ledger_entries" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "ledger_groups_occurred_idx" ON "ledger_groups" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "ledger_groups_org_idx" ON "ledger_groups" USING btree ("organization_id","occurred_at");--> statement-breakpoint
CREATE INDEX "ledger_groups_membership_idx" ON "ledger_groups" USING btree ("membership_id");--> statement-breakpoint
CREATE INDEX "ledger_groups_processor_idx" ON "ledger_groups" USING btree ("processor_object_id");
--> statement-breakpoint
-- Entries of a group sum to zero per currency, checked when the transaction commits.
CREATE FUNCTION "ledger_check_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE unbalanced record;
BEGIN
  SELECT currency, sum(amount_minor) AS total INTO unbalanced
    FROM "ledger_entries" WHERE group_id = NEW.group_id
    GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger group % does not balance: % % left over', NEW.group_id, unbalanced.total, unbalanced.currency
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_entries_balanced" AFTER INSERT ON "ledger_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_check_balanced"();
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "commons_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "ledger_groups_append_only" BEFORE UPDATE OR DELETE ON "ledger_groups"
  FOR EACH ROW EXECUTE FUNCTION "commons_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_v1_read_only" BEFORE INSERT OR UPDATE OR DELETE ON "ledger_entries_v1"
  FOR EACH ROW EXECUTE FUNCTION "commons_refuse_change"();
--> statement-breakpoint
-- The network's accounts, and one receivable account per organization that paid.
INSERT INTO "ledger_accounts" ("kind", "name") VALUES
  ('stripe_balance', 'Stripe balance'),
  ('network_dues', 'Membership dues'),
  ('processor_fees', 'Processor fees');
--> statement-breakpoint
INSERT INTO "ledger_accounts" ("kind", "organization_id", "name")
SELECT DISTINCT 'organization', v.organization_id, o.name
  FROM "ledger_entries_v1" v JOIN "organizations" o ON o.id = v.organization_id
 WHERE v.organization_id IS NOT NULL;
--> statement-breakpoint
-- Each old row becomes a group; its id is kept as the group's id.
INSERT INTO "ledger_groups" ("id", "kind", "idempotency_key", "processor_object_id", "organization_id",
  "membership_id", "occurred_at", "recorded_at", "description")
SELECT v.id, v.kind,
       CASE v.kind WHEN 'membership_payment' THEN 'membership-payment:' ELSE 'processor-fee:' END || v.processor_object_id,
       v.processor_object_id, v.organization_id,
       (SELECT m.id FROM "memberships" m WHERE m.id::text = v.subject_id AND v.subject_type = 'membership'),
       v.occurred_at, v.recorded_at, v.description
  FROM "ledger_entries_v1" v
 WHERE v.kind IN ('membership_payment', 'processor_fee');
--> statement-breakpoint
-- A membership payment: the organization is charged (dues) and pays (Stripe balance).
INSERT INTO "ledger_entries" ("group_id", "account_id", "amount_minor", "currency")
SELECT v.id, a.id, x.amount, v.currency
  FROM "ledger_entries_v1" v
  JOIN LATERAL (VALUES
    ('organization', v.amount_minor), ('network_dues', -v.amount_minor),
    ('stripe_balance', v.amount_minor), ('organization', -v.amount_minor)
  ) AS x(kind, amount) ON true
  JOIN "ledger_accounts" a ON a.kind = x.kind
   AND a.organization_id IS NOT DISTINCT FROM (CASE WHEN x.kind = 'organization' THEN v.organization_id END)
 WHERE v.kind = 'membership_payment' AND v.amount_minor <> 0;
--> statement-breakpoint
-- A fee (stored negative before): the expense, paid out of the Stripe balance.
INSERT INTO "ledger_entries" ("group_id", "account_id", "amount_minor", "currency")
SELECT v.id, a.id, x.amount, v.currency
  FROM "ledger_entries_v1" v
  JOIN LATERAL (VALUES ('processor_fees', -v.amount_minor), ('stripe_balance', v.amount_minor)) AS x(kind, amount) ON true
  JOIN "ledger_accounts" a ON a.kind = x.kind AND a.organization_id IS NULL
 WHERE v.kind = 'processor_fee' AND v.amount_minor <> 0;

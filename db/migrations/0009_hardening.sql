CREATE TABLE "pending_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"redirect_to" text,
	"token_hash" text NOT NULL,
	"link_hash" text,
	"code_hash" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "redacted" jsonb;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "secrets_expire_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "pending_signups_token_idx" ON "pending_signups" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "pending_signups_link_idx" ON "pending_signups" USING btree ("link_hash");--> statement-breakpoint
CREATE INDEX "pending_signups_expires_idx" ON "pending_signups" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "email_messages_secrets_idx" ON "email_messages" USING btree ("secrets_expire_at") WHERE "email_messages"."secrets_expire_at" is not null;
CREATE TABLE "endorsement_hubs" (
	"endorsement_id" uuid NOT NULL,
	"hub_id" uuid NOT NULL,
	CONSTRAINT "endorsement_hubs_endorsement_id_hub_id_pk" PRIMARY KEY("endorsement_id","hub_id")
);
--> statement-breakpoint
CREATE TABLE "endorsements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"endorsed_by_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"moved_from_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_hubs" (
	"initiative_id" uuid NOT NULL,
	"hub_id" uuid NOT NULL,
	CONSTRAINT "initiative_hubs_initiative_id_hub_id_pk" PRIMARY KEY("initiative_id","hub_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_projects" (
	"initiative_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	CONSTRAINT "initiative_projects_initiative_id_project_id_pk" PRIMARY KEY("initiative_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"technical" smallint NOT NULL,
	"network" smallint NOT NULL,
	"ecosystem" smallint NOT NULL,
	"sustainability" smallint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiative_reviews_scores_check" CHECK ("initiative_reviews"."technical" between 0 and 3 and "initiative_reviews"."network" between 0 and 3 and "initiative_reviews"."ecosystem" between 0 and 3 and "initiative_reviews"."sustainability" between 0 and 3)
);
--> statement-breakpoint
CREATE TABLE "initiative_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"actor_id" uuid,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"is_public" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"author_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_by_id" uuid,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"solution" text DEFAULT '' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"size" text,
	"suggested_goal_minor" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"goal_minor" integer,
	"currency" text DEFAULT 'USD' NOT NULL,
	"min_backers" integer,
	"pledge_deadline" timestamp with time zone,
	"review_started_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assignee_id" uuid,
	"priority" text DEFAULT 'normal' NOT NULL,
	"duplicate_of_id" uuid,
	"demand_organizations" integer DEFAULT 1 NOT NULL,
	"demand_hubs" integer DEFAULT 0 NOT NULL,
	"demand_users" integer DEFAULT 0 NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(problem, '') || ' ' || coalesce(solution, '')), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiatives_summary_length_check" CHECK (char_length("initiatives"."summary") <= 280),
	CONSTRAINT "initiatives_goal_check" CHECK ("initiatives"."goal_minor" is null or "initiatives"."goal_minor" > 0),
	CONSTRAINT "initiatives_currency_check" CHECK ("initiatives"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "notice_deliveries" (
	"notice_key" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_deliveries_notice_key_user_id_pk" PRIMARY KEY("notice_key","user_id")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"initiative_status" boolean DEFAULT true NOT NULL,
	"initiative_updates" boolean DEFAULT true NOT NULL,
	"initiative_submissions" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"initiative_id" uuid,
	"suggested_by_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "size_bands" (
	"size" text PRIMARY KEY NOT NULL,
	"hours_min" integer NOT NULL,
	"hours_max" integer NOT NULL,
	"cost_min_minor" integer NOT NULL,
	"cost_max_minor" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "size_bands_hours_check" CHECK ("size_bands"."hours_min" >= 0 and "size_bands"."hours_max" >= "size_bands"."hours_min"),
	CONSTRAINT "size_bands_cost_check" CHECK ("size_bands"."cost_min_minor" >= 0 and "size_bands"."cost_max_minor" >= "size_bands"."cost_min_minor")
);
--> statement-breakpoint
CREATE TABLE "upstream_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"description" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "endorsement_hubs" ADD CONSTRAINT "endorsement_hubs_endorsement_id_endorsements_id_fk" FOREIGN KEY ("endorsement_id") REFERENCES "public"."endorsements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endorsement_hubs" ADD CONSTRAINT "endorsement_hubs_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endorsements" ADD CONSTRAINT "endorsements_endorsed_by_id_users_id_fk" FOREIGN KEY ("endorsed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_hubs" ADD CONSTRAINT "initiative_hubs_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_hubs" ADD CONSTRAINT "initiative_hubs_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_notes" ADD CONSTRAINT "initiative_notes_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_notes" ADD CONSTRAINT "initiative_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_projects" ADD CONSTRAINT "initiative_projects_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_projects" ADD CONSTRAINT "initiative_projects_project_id_upstream_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."upstream_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_reviews" ADD CONSTRAINT "initiative_reviews_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_reviews" ADD CONSTRAINT "initiative_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_transitions" ADD CONSTRAINT "initiative_transitions_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_transitions" ADD CONSTRAINT "initiative_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_updates" ADD CONSTRAINT "initiative_updates_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_updates" ADD CONSTRAINT "initiative_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_suggestions" ADD CONSTRAINT "project_suggestions_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_suggestions" ADD CONSTRAINT "project_suggestions_suggested_by_id_users_id_fk" FOREIGN KEY ("suggested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "endorsements_live_idx" ON "endorsements" USING btree ("initiative_id","organization_id") WHERE withdrawn_at is null;--> statement-breakpoint
CREATE INDEX "endorsements_organization_idx" ON "endorsements" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "initiative_notes_initiative_idx" ON "initiative_notes" USING btree ("initiative_id","created_at");--> statement-breakpoint
CREATE INDEX "initiative_projects_project_idx" ON "initiative_projects" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "initiative_reviews_reviewer_idx" ON "initiative_reviews" USING btree ("initiative_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "initiative_transitions_initiative_idx" ON "initiative_transitions" USING btree ("initiative_id","created_at");--> statement-breakpoint
CREATE INDEX "initiative_updates_initiative_idx" ON "initiative_updates" USING btree ("initiative_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "initiatives_slug_idx" ON "initiatives" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "initiatives_status_created_idx" ON "initiatives" USING btree ("status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "initiatives_status_demand_idx" ON "initiatives" USING btree ("status","demand_organizations" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "initiatives_organization_idx" ON "initiatives" USING btree ("organization_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "initiatives_search_idx" ON "initiatives" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "upstream_projects_slug_idx" ON "upstream_projects" USING btree ("slug");--> statement-breakpoint
-- Default guidance for each size; staff change it at /staff/projects.
INSERT INTO "size_bands" ("size", "hours_min", "hours_max", "cost_min_minor", "cost_max_minor") VALUES
  ('XS', 8, 40, 100000, 500000),
  ('S', 40, 120, 500000, 1500000),
  ('M', 120, 320, 1500000, 4000000),
  ('L', 320, 800, 4000000, 10000000),
  ('XL', 800, 2000, 10000000, 25000000);

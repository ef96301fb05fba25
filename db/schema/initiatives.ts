import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  initiativePriorities,
  initiativeSizes,
  initiativeStatuses,
  matchRules,
} from "../../app/modules/initiatives/values";
import { users } from "./auth";
import { hubs } from "./hubs";
import { organizations } from "./organizations";
import { upstreamProjects } from "./projects";

// The values live beside their module so browser code can use them without drizzle.
export {
  type InitiativeSize,
  type InitiativeStatus,
  initiativePriorities,
  initiativeSizes,
  initiativeStatuses,
  type MatchRule,
  matchRules,
} from "../../app/modules/initiatives/values";

// Initiatives (issue 4): co-funded proposals, their public workflow, the demand
// signal from endorsements, and progress updates; staff triage is in triage.ts and the
// project list in projects.ts. The allowed transitions live in
// app/modules/initiatives/workflow.ts, not in the database.

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const initiatives = pgTable(
  "initiatives",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    title: text().notNull(),
    summary: text().notNull().default(""),
    problem: text().notNull().default(""),
    solution: text().notNull().default(""),
    plan: text().notNull().default(""),
    size: text({ enum: initiativeSizes }),
    suggestedGoalMinor: integer(),
    status: text({ enum: initiativeStatuses }).notNull().default("draft"),
    /** Set when staff open it for pledges. */
    goalMinor: integer(),
    currency: text().notNull().default("USD"),
    minBackers: integer(),
    pledgeDeadline: timestamp({ withTimezone: true }),
    /** Smallest pledge accepted (issue 10, item 1). */
    minPledgeMinor: integer().notNull().default(10_000),
    /**
     * Committed pledges, maintained by the pledges module in the transaction that
     * changes a pledge, under a lock on this row (issue 10: never a scan per page).
     */
    pledgedMinor: bigint({ mode: "number" }).notNull().default(0),
    pledgeOrganizations: integer().notNull().default(0),
    /** Matching rule set by staff (issue 10, section 3). */
    matchRule: text({ enum: matchRules }).notNull().default("none"),
    /** 1:1 — the most the pool adds to this initiative. */
    matchCapMinor: bigint({ mode: "number" }),
    /** Quadratic — the most this initiative takes, as basis points of the pool. */
    matchCapShareBp: integer(),
    /** Fixed once, at funding, and posted to the ledger. */
    matchedMinor: bigint({ mode: "number" }),
    fundedAt: timestamp({ withTimezone: true }),
    /** The Stripe Product that pledge invoices for this initiative are issued on. */
    stripeProductId: text(),
    /** First time staff took it into review: from then on its page is public. */
    reviewStartedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    assigneeId: uuid().references(() => users.id, { onDelete: "set null" }),
    priority: text({ enum: initiativePriorities }).notNull().default("normal"),
    duplicateOfId: uuid(),
    /** The demand signal, recomputed in the transaction that changes endorsements or hubs. */
    demandOrganizations: integer().notNull().default(1),
    demandHubs: integer().notNull().default(0),
    demandUsers: integer().notNull().default(0),
    search: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(summary, '')), 'B') || setweight(to_tsvector('english', coalesce(problem, '') || ' ' || coalesce(solution, '')), 'C')`,
    ),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("initiatives_slug_idx").on(t.slug),
    // DESC NULLS FIRST is what `order by … desc` means, so the planner can use these for order.
    index("initiatives_status_created_idx").on(t.status, t.createdAt.desc().nullsFirst()),
    index("initiatives_status_demand_idx").on(t.status, t.demandOrganizations.desc().nullsFirst()),
    // The catalog lists six statuses at once; these partial indexes give it its order
    // (newest, most backing) without sorting every public initiative on each request.
    index("initiatives_catalog_newest_idx")
      .on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`status in ('in_review', 'changes_requested', 'open', 'funded', 'in_progress', 'delivered')`),
    index("initiatives_catalog_demand_idx")
      .on(
        t.demandOrganizations.desc().nullsFirst(),
        t.createdAt.desc().nullsFirst(),
        t.id.desc().nullsFirst(),
      )
      .where(sql`status in ('in_review', 'changes_requested', 'open', 'funded', 'in_progress', 'delivered')`),
    // The public API's list (issue 11): every public status, newest first.
    index("initiatives_public_newest_idx")
      .on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(
        sql`status in ('open', 'funded', 'in_progress', 'delivered', 'not_delivered') and review_started_at is not null`,
      ),
    // Catalog sorts of open initiatives (issue 10, section 4): by deadline, by closeness to the goal.
    index("initiatives_open_deadline_idx")
      .on(t.pledgeDeadline, t.id)
      .where(sql`status = 'open'`),
    index("initiatives_open_progress_idx")
      .on(sql`(pledged_minor * 10000 / goal_minor) desc`, t.id)
      .where(sql`status = 'open'`),
    index("initiatives_organization_idx").on(t.organizationId, t.updatedAt.desc()),
    index("initiatives_search_idx").using("gin", t.search),
    check("initiatives_summary_length_check", sql`char_length(${t.summary}) <= 280`),
    check("initiatives_pledged_check", sql`${t.pledgedMinor} >= 0 and ${t.pledgeOrganizations} >= 0`),
    check("initiatives_min_pledge_check", sql`${t.minPledgeMinor} > 0`),
    check(
      "initiatives_match_share_check",
      sql`${t.matchCapShareBp} is null or ${t.matchCapShareBp} between 1 and 10000`,
    ),
    check("initiatives_goal_check", sql`${t.goalMinor} is null or ${t.goalMinor} > 0`),
    check("initiatives_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const initiativeProjects = pgTable(
  "initiative_projects",
  {
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    projectId: uuid()
      .notNull()
      .references(() => upstreamProjects.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.initiativeId, t.projectId] }),
    index("initiative_projects_project_idx").on(t.projectId),
  ],
);

/** A project someone suggested adding to the list, from the proposal form. */
export const projectSuggestions = pgTable("project_suggestions", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  url: text(),
  initiativeId: uuid().references(() => initiatives.id, { onDelete: "cascade" }),
  suggestedById: uuid().references(() => users.id, { onDelete: "set null" }),
  status: text({ enum: ["pending", "accepted", "dismissed"] })
    .notNull()
    .default("pending"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The proposing organization's hubs that would benefit. */
export const initiativeHubs = pgTable(
  "initiative_hubs",
  {
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    hubId: uuid()
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.hubId] })],
);

/** Every status change: who, when, why, and whether the public sees it. */
export const initiativeTransitions = pgTable(
  "initiative_transitions",
  {
    id: uuid().primaryKey().defaultRandom(),
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    fromStatus: text({ enum: initiativeStatuses }).notNull(),
    toStatus: text({ enum: initiativeStatuses }).notNull(),
    rationale: text().notNull().default(""),
    isPublic: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("initiative_transitions_initiative_idx").on(t.initiativeId, t.createdAt)],
);

export const endorsements = pgTable(
  "endorsements",
  {
    id: uuid().primaryKey().defaultRandom(),
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    endorsedById: uuid().references(() => users.id, { onDelete: "set null" }),
    note: text().notNull().default(""),
    /** Set when it moved here from a duplicate. */
    movedFromId: uuid(),
    withdrawnAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("endorsements_live_idx")
      .on(t.initiativeId, t.organizationId)
      .where(sql`withdrawn_at is null`),
    index("endorsements_organization_idx").on(t.organizationId),
  ],
);

export const endorsementHubs = pgTable(
  "endorsement_hubs",
  {
    endorsementId: uuid()
      .notNull()
      .references(() => endorsements.id, { onDelete: "cascade" }),
    hubId: uuid()
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.endorsementId, t.hubId] })],
);

/** Progress updates from staff or the proposing organization, emailed to endorsers. */
export const initiativeUpdates = pgTable(
  "initiative_updates",
  {
    id: uuid().primaryKey().defaultRandom(),
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("initiative_updates_initiative_idx").on(t.initiativeId, t.createdAt)],
);

export const initiativesRelations = relations(initiatives, ({ one, many }) => ({
  organization: one(organizations, { fields: [initiatives.organizationId], references: [organizations.id] }),
  transitions: many(initiativeTransitions),
  endorsements: many(endorsements),
}));

export const initiativeTransitionsRelations = relations(initiativeTransitions, ({ one }) => ({
  initiative: one(initiatives, {
    fields: [initiativeTransitions.initiativeId],
    references: [initiatives.id],
  }),
}));

export const endorsementsRelations = relations(endorsements, ({ one }) => ({
  initiative: one(initiatives, { fields: [endorsements.initiativeId], references: [initiatives.id] }),
  organization: one(organizations, { fields: [endorsements.organizationId], references: [organizations.id] }),
}));

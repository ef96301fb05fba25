import { relations, sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { membershipMethods, membershipStatuses, subsidyStatuses } from "../../app/modules/memberships/values";
import { users } from "./auth";
import { organizations } from "./organizations";

// The values live beside their module so browser code can use them without drizzle.
export {
  type MembershipStatus,
  membershipMethods,
  membershipStatuses,
  subsidyStatuses,
} from "../../app/modules/memberships/values";

/** Yearly membership tiers, managed by staff (issue 3, item 6). */
export const membershipTiers = pgTable(
  "membership_tiers",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(""),
    priceMinor: integer().notNull(),
    currency: text().notNull().default("USD"),
    hubsIncluded: integer().notNull(),
    benefits: jsonb().$type<string[]>().notNull().default([]),
    roadmapWeight: integer().notNull().default(1),
    isSubsidised: boolean().notNull().default(false),
    isActive: boolean().notNull().default(true),
    /** The Stripe Product every price of this tier is built on (issue 9, item 1.2). */
    stripeProductId: text().unique(),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("membership_tiers_price_check", sql`${t.priceMinor} >= 0`),
    check("membership_tiers_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    index("membership_tiers_position_idx").on(t.isActive, t.position),
  ],
);

/** The Stripe customer of an organization, with its billing contact: one per organization. */
export const billingProfiles = pgTable("billing_profiles", {
  organizationId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  stripeCustomerId: text().notNull().unique(),
  billingEmail: text(),
  billingName: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * An organization on a tier for a period. State changes come from verified
 * webhooks (app/modules/memberships/lifecycle.server.ts holds the transitions).
 */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    tierId: uuid()
      .notNull()
      .references(() => membershipTiers.id, { onDelete: "restrict" }),
    status: text({ enum: membershipStatuses }).notNull().default("pending"),
    method: text({ enum: membershipMethods }).notNull(),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
    /**
     * A tier change Stripe has confirmed on the subscription: it is charged, and takes
     * effect here, at the next renewal (issue 9, item 1.1). Until then `tierId` and
     * `amountMinor` stay the tier that was paid for.
     */
    nextTierId: uuid().references(() => membershipTiers.id, { onDelete: "restrict" }),
    nextAmountMinor: integer(),
    stripeCheckoutSessionId: text().unique(),
    stripeSubscriptionId: text().unique(),
    stripeInvoiceId: text().unique(),
    invoiceUrl: text(),
    poNumber: text(),
    currentPeriodStart: timestamp({ withTimezone: true }),
    currentPeriodEnd: timestamp({ withTimezone: true }),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    /** Created time of the newest Stripe event applied: older ones are ignored. */
    stripeStateAt: timestamp({ withTimezone: true }),
    reminderSentFor: timestamp({ withTimezone: true }),
    requestedById: uuid().references(() => users.id, { onDelete: "set null" }),
    activatedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one live membership per organization.
    uniqueIndex("memberships_live_org_idx")
      .on(t.organizationId)
      .where(sql`status in ('pending', 'active', 'past_due')`),
    index("memberships_status_idx").on(t.status, t.currentPeriodEnd),
  ],
);

export const membershipTiersRelations = relations(membershipTiers, ({ many }) => ({
  memberships: many(memberships),
}));
export const membershipsRelations = relations(memberships, ({ one }) => ({
  organization: one(organizations, { fields: [memberships.organizationId], references: [organizations.id] }),
  tier: one(membershipTiers, { fields: [memberships.tierId], references: [membershipTiers.id] }),
}));

/**
 * Every move of a membership through its transition table (issue 9, section 4):
 * written by the one writer in app/modules/memberships/workflow.ts, never updated.
 * `fromStatus` is null for the row that created the membership.
 */
export const membershipTransitions = pgTable(
  "membership_transitions",
  {
    id: uuid().primaryKey().defaultRandom(),
    membershipId: uuid()
      .notNull()
      .references(() => memberships.id, { onDelete: "restrict" }),
    fromStatus: text({ enum: membershipStatuses }),
    toStatus: text({ enum: membershipStatuses }).notNull(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    reason: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("membership_transitions_membership_idx").on(t.membershipId, t.at)],
);

/** A community's application for a subsidised membership (issue 3, item 9). */
export const subsidyApplications = pgTable(
  "subsidy_applications",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    tierId: uuid()
      .notNull()
      .references(() => membershipTiers.id, { onDelete: "restrict" }),
    statement: text().notNull(),
    status: text({ enum: subsidyStatuses }).notNull().default("pending"),
    appliedById: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedById: uuid().references(() => users.id, { onDelete: "set null" }),
    decisionReason: text(),
    decidedAt: timestamp({ withTimezone: true }),
    membershipId: uuid().references(() => memberships.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("subsidy_applications_pending_org_idx").on(t.organizationId).where(sql`status = 'pending'`),
    index("subsidy_applications_status_idx").on(t.status, t.createdAt),
  ],
);

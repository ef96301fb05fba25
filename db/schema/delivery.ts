import { relations, sql } from "drizzle-orm";
import {
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { deliverableKinds, deliveryOutcomes, rolloutStatuses } from "../../app/modules/delivery/values";
import { users } from "./auth";
import { hubs } from "./hubs";
import { initiatives } from "./initiatives";
import { organizations } from "./organizations";
import { upstreamProjects } from "./projects";

// The values live beside their module so browser code can use them without drizzle.
export {
  type DeliverableKind,
  type DeliveryOutcome,
  deliverableKinds,
  deliveryOutcomes,
  type RolloutStatus,
  rolloutStatuses,
} from "../../app/modules/delivery/values";

// Delivery (issue 11, section 1): what funded work produced upstream, and which hubs
// run it. Milestones and deliverables are recorded by staff and the initiative's lead
// (the proposing organization's admins); a rollout by the hub's organization, and
// verified by Commons when the hub's own /hub/api version includes the release.

export const milestones = pgTable(
  "milestones",
  {
    id: uuid().primaryKey().defaultRandom(),
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "restrict" }),
    title: text().notNull(),
    description: text().notNull().default(""),
    /** The date the milestone was reached (or is planned for, while `reachedOn` is empty). */
    dueOn: date({ mode: "string" }),
    reachedOn: date({ mode: "string" }),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("milestones_initiative_idx").on(t.initiativeId, t.createdAt)],
);

export const deliverables = pgTable(
  "deliverables",
  {
    id: uuid().primaryKey().defaultRandom(),
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "restrict" }),
    kind: text({ enum: deliverableKinds }).notNull(),
    title: text().notNull(),
    url: text().notNull(),
    projectId: uuid().references(() => upstreamProjects.id, { onDelete: "restrict" }),
    /** The upstream release that contains the work, like "5.2.0". */
    releaseVersion: text(),
    deliveredOn: date({ mode: "string" }).notNull(),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deliverables_initiative_idx").on(t.initiativeId, t.deliveredOn)],
);

export const rollouts = pgTable(
  "rollouts",
  {
    id: uuid().primaryKey().defaultRandom(),
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "restrict" }),
    hubId: uuid()
      .notNull()
      .references(() => hubs.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    status: text({ enum: rolloutStatuses }).notNull().default("reported"),
    /** The day the hub's organization says it started running the result. */
    reportedOn: date({ mode: "string" }),
    /** First time the hub check saw a version that includes the release. */
    verifiedAt: timestamp({ withTimezone: true }),
    /** The version the hub reported when it was verified. */
    verifiedVersion: text(),
    reportedById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("rollouts_initiative_hub_idx").on(t.initiativeId, t.hubId),
    index("rollouts_hub_idx").on(t.hubId),
    index("rollouts_organization_idx").on(t.organizationId),
    check("rollouts_verified_check", sql`(${t.status} = 'verified') = (${t.verifiedAt} is not null)`),
  ],
);

/** The final report that closes an initiative (one per initiative). */
export const deliveryReports = pgTable("delivery_reports", {
  initiativeId: uuid()
    .primaryKey()
    .references(() => initiatives.id, { onDelete: "restrict" }),
  outcome: text({ enum: deliveryOutcomes }).notNull(),
  delivered: text().notNull().default(""),
  notDelivered: text().notNull().default(""),
  next: text().notNull().default(""),
  createdById: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * Organization logos, stored in Postgres so every app server can serve them
 * (issue 11, section 2). Always a PNG Commons re-encoded itself: an upload is decoded
 * and rasterised, never served as sent.
 */
export const organizationLogos = pgTable(
  "organization_logos",
  {
    organizationId: uuid()
      .primaryKey()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** Short content hash: part of the address, so the image can be cached forever. */
    hash: text().notNull(),
    contentType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    data: bytea().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organization_logos_hash_idx").on(t.hash, t.organizationId),
    check("organization_logos_size_check", sql`octet_length(${t.data}) <= 512000`),
  ],
);

export const deliverablesRelations = relations(deliverables, ({ one }) => ({
  initiative: one(initiatives, { fields: [deliverables.initiativeId], references: [initiatives.id] }),
  project: one(upstreamProjects, { fields: [deliverables.projectId], references: [upstreamProjects.id] }),
}));

export const rolloutsRelations = relations(rollouts, ({ one }) => ({
  initiative: one(initiatives, { fields: [rollouts.initiativeId], references: [initiatives.id] }),
  hub: one(hubs, { fields: [rollouts.hubId], references: [hubs.id] }),
  organization: one(organizations, { fields: [rollouts.organizationId], references: [organizations.id] }),
}));

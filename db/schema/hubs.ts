import { relations } from "drizzle-orm";
import { date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { hubStatuses } from "../../app/modules/hubs/values";
import { organizations } from "./organizations";

// The values live beside their module so browser code can use them without drizzle.
export { hubStatuses } from "../../app/modules/hubs/values";

export const hubs = pgTable(
  "hubs",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    url: text().notNull(),
    description: text().notNull().default(""),
    region: text().notNull().default(""),
    status: text({ enum: hubStatuses }).notNull().default("active"),
    userCount: integer(),
    usersReportedOn: date({ mode: "string" }),
    jupyterhubVersion: text(),
    lastSeenAt: timestamp({ withTimezone: true }),
    lastCheckedAt: timestamp({ withTimezone: true }),
    lastCheckError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("hubs_organization_idx").on(t.organizationId, t.name)],
);

export const hubsRelations = relations(hubs, ({ one }) => ({
  organization: one(organizations, { fields: [hubs.organizationId], references: [organizations.id] }),
}));

import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { initiativeSizes } from "../../app/modules/initiatives/values";

// What staff keep for the catalog beside the initiatives themselves (issue 4): the upstream
// projects an initiative can land in, and the guidance for each size.

/** Upstream open-source projects an initiative can fit into; staff keep the list. */
export const upstreamProjects = pgTable(
  "upstream_projects",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    url: text(),
    description: text().notNull().default(""),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("upstream_projects_slug_idx").on(t.slug)],
);

/** Staff-set guidance for each size: a range of hours and of cost. */
export const sizeBands = pgTable(
  "size_bands",
  {
    size: text({ enum: initiativeSizes }).primaryKey(),
    hoursMin: integer().notNull(),
    hoursMax: integer().notNull(),
    costMinMinor: integer().notNull(),
    costMaxMinor: integer().notNull(),
    currency: text().notNull().default("USD"),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("size_bands_hours_check", sql`${t.hoursMin} >= 0 and ${t.hoursMax} >= ${t.hoursMin}`),
    check("size_bands_cost_check", sql`${t.costMinMinor} >= 0 and ${t.costMaxMinor} >= ${t.costMinMinor}`),
  ],
);

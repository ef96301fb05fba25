import { sql } from "drizzle-orm";
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { initiatives } from "./initiatives";

// Staff triage of an initiative (issue 4): each reviewer's leverage scorecard and the internal
// notes. Neither is ever shown to proposers or the public.

/** A staff reviewer's leverage scorecard, one per reviewer and initiative. */
export const initiativeReviews = pgTable(
  "initiative_reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    technical: smallint().notNull(),
    network: smallint().notNull(),
    ecosystem: smallint().notNull(),
    sustainability: smallint().notNull(),
    note: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("initiative_reviews_reviewer_idx").on(t.initiativeId, t.reviewerId),
    check(
      "initiative_reviews_scores_check",
      sql`${t.technical} between 0 and 3 and ${t.network} between 0 and 3 and ${t.ecosystem} between 0 and 3 and ${t.sustainability} between 0 and 3`,
    ),
  ],
);

/** Internal notes: staff only, never on a public page or in an email. */
export const initiativeNotes = pgTable(
  "initiative_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("initiative_notes_initiative_idx").on(t.initiativeId, t.createdAt)],
);

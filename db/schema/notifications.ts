import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Every email the app sends is written here first. With SMTP configured it is then
 * delivered and marked sent; in development without SMTP this table is the outbox
 * that /dev/outbox shows.
 */
export const emailMessages = pgTable(
  "email_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    template: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    status: text({ enum: ["queued", "sent", "outbox", "failed"] })
      .notNull()
      .default("queued"),
    error: text(),
    /** Delivery attempts so far (issue 9, section 6): the send job retries with backoff. */
    attempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("email_messages_created_idx").on(t.createdAt),
    index("email_messages_status_idx").on(t.status, t.createdAt),
  ],
);

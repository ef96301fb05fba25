import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";

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
    /**
     * Messages that carry a live secret (a sign-in, reset, verification or invitation link;
     * a code) keep it only until it is delivered or expires (issue 12, item 10): then the
     * stored subject and bodies are swapped for `redacted`, the same message with each
     * secret replaced, and both columns are cleared.
     */
    redacted: jsonb().$type<{ subject: string; html: string; text: string }>(),
    secretsExpireAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("email_messages_created_idx").on(t.createdAt),
    index("email_messages_status_idx").on(t.status, t.createdAt),
    index("email_messages_secrets_idx").on(t.secretsExpireAt).where(sql`${t.secretsExpireAt} is not null`),
  ],
);

/** Per-person email choices; a missing row means every email is on. */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  initiativeStatus: boolean().notNull().default(true),
  initiativeUpdates: boolean().notNull().default(true),
  initiativeSubmissions: boolean().notNull().default(true),
  initiativeEndorsements: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One row per (notice, person) sent: a retried job never emails anyone twice. */
export const noticeDeliveries = pgTable(
  "notice_deliveries",
  {
    noticeKey: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.noticeKey, t.userId] })],
);

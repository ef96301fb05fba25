import { sql } from "drizzle-orm";
import {
  bigint,
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
import { users } from "./auth";
import { organizations } from "./organizations";

/**
 * Every verified Stripe event, stored by its id in the same transaction as the job
 * that processes it (issue 3, item 3). A replayed delivery hits the primary key.
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text().primaryKey(),
    type: text().notNull(),
    objectId: text(),
    stripeCreatedAt: timestamp({ withTimezone: true }).notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveries: integer().notNull().default(1),
    processedAt: timestamp({ withTimezone: true }),
    lastError: text(),
  },
  (t) => [
    index("stripe_events_received_idx").on(t.receivedAt),
    index("stripe_events_unprocessed_idx").on(t.processedAt),
  ],
);

export const ledgerKinds = [
  "membership_payment",
  "pledge_payment",
  "refund",
  "processor_fee",
  "pool_allocation",
] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/**
 * Append-only money movements in integer minor units (ARCHITECTURE.md "Money").
 * Incoming money is positive, outgoing (refunds, fees) negative. The processor's
 * object id is unique per kind, so a replayed event cannot add a second entry.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: ledgerKinds }).notNull(),
    amountMinor: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    organizationId: uuid().references(() => organizations.id, { onDelete: "restrict" }),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    processorObjectId: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recordedById: uuid().references(() => users.id, { onDelete: "set null" }),
    description: text().notNull().default(""),
  },
  (t) => [
    uniqueIndex("ledger_entries_processor_idx").on(t.kind, t.processorObjectId),
    index("ledger_entries_occurred_idx").on(t.occurredAt),
    index("ledger_entries_org_idx").on(t.organizationId, t.occurredAt),
    check("ledger_entries_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** Differences the reconciliation job found between the ledger and Stripe. */
export const reconciliationIssues = pgTable(
  "reconciliation_issues",
  {
    id: uuid().primaryKey().defaultRandom(),
    runAt: timestamp({ withTimezone: true }).notNull(),
    processorObjectId: text().notNull(),
    problem: text().notNull(),
    expectedMinor: bigint({ mode: "number" }),
    actualMinor: bigint({ mode: "number" }),
    currency: text(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("reconciliation_issues_run_idx").on(t.runAt)],
);

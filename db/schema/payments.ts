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
import { memberships } from "./memberships";
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
    /** The API version Stripe formatted the payload at (ADR 0010: a mismatch is flagged). */
    apiVersion: text(),
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

export const paymentAttemptStatuses = ["started", "succeeded", "failed"] as const;

/**
 * One row per attempt at a Stripe operation (issue 9, section 2; ADR 0010). The row
 * is committed before the call, with its own idempotency key; the outcome is
 * recorded after it. A crash in between leaves a `started` row that a retry resumes
 * with the same key and the same request, so Stripe replays instead of repeating.
 */
export const paymentAttempts = pgTable(
  "payment_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    operation: text().notNull(),
    idempotencyKey: text().notNull().unique(),
    organizationId: uuid().references(() => organizations.id, { onDelete: "restrict" }),
    membershipId: uuid().references(() => memberships.id, { onDelete: "restrict" }),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    request: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: paymentAttemptStatuses }).notNull().default("started"),
    stripeObjectId: text(),
    errorCode: text(),
    errorMessage: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("payment_attempts_org_idx").on(t.organizationId, t.operation, t.createdAt),
    index("payment_attempts_membership_idx").on(t.membershipId, t.createdAt),
  ],
);

/**
 * Something Stripe reported that does not match what Commons asked for (an amount,
 * a currency, an unpaid invoice announced as paid, an event at another API version).
 * Nothing is activated on it; staff see it on the reconciliation page.
 */
export const paymentExceptions = pgTable(
  "payment_exceptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: ["amount_mismatch", "not_paid", "api_version"] }).notNull(),
    processorObjectId: text().notNull(),
    stripeEventId: text().references(() => stripeEvents.id, { onDelete: "restrict" }),
    membershipId: uuid().references(() => memberships.id, { onDelete: "restrict" }),
    problem: text().notNull(),
    expectedMinor: bigint({ mode: "number" }),
    actualMinor: bigint({ mode: "number" }),
    currency: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("payment_exceptions_object_idx").on(t.kind, t.processorObjectId),
    index("payment_exceptions_open_idx").on(t.resolvedAt, t.createdAt),
  ],
);

export type ReceiptLine = { description: string; quantity: number; amountMinor: number };
export type ReceiptAddress = {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  state: string | null;
  country: string | null;
};

/**
 * A receipt for one paid Stripe invoice (issue 9, item 1.6): a snapshot taken when
 * the payment is confirmed, so later edits of the billing profile do not rewrite it.
 */
export const receipts = pgTable(
  "receipts",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    membershipId: uuid().references(() => memberships.id, { onDelete: "restrict" }),
    stripeInvoiceId: text().notNull().unique(),
    number: text().notNull(),
    paidAt: timestamp({ withTimezone: true }).notNull(),
    payerName: text().notNull(),
    payerEmail: text(),
    billingAddress: jsonb().$type<ReceiptAddress | null>(),
    taxId: text(),
    poNumber: text(),
    lines: jsonb().$type<ReceiptLine[]>().notNull(),
    amountMinor: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    processorReference: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("receipts_org_idx").on(t.organizationId, t.paidAt)],
);

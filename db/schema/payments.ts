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
import {
  ledgerAccountKinds,
  ledgerGroupKinds,
  paymentAttemptStatuses,
} from "../../app/modules/payments/values";
import { users } from "./auth";
import { initiatives } from "./initiatives";
import { memberships } from "./memberships";
import { organizations } from "./organizations";
import { pledges } from "./pledges";

// The values live beside their module so browser code can use them without drizzle.
export {
  type LedgerAccountKind,
  type LedgerGroupKind,
  ledgerAccountKinds,
  ledgerGroupKinds,
  paymentAttemptStatuses,
} from "../../app/modules/payments/values";

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

/** The accounts of the double-entry ledger (ADR 0012), created on first use. */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: ledgerAccountKinds }).notNull(),
    organizationId: uuid().references(() => organizations.id, { onDelete: "restrict" }),
    initiativeId: uuid().references(() => initiatives.id, { onDelete: "restrict" }),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ledger_accounts_network_idx")
      .on(t.kind)
      .where(sql`${t.organizationId} is null and ${t.initiativeId} is null`),
    uniqueIndex("ledger_accounts_org_idx")
      .on(t.kind, t.organizationId)
      .where(sql`${t.organizationId} is not null`),
    uniqueIndex("ledger_accounts_initiative_idx")
      .on(t.kind, t.initiativeId)
      .where(sql`${t.initiativeId} is not null`),
    check("ledger_accounts_org_check", sql`(${t.kind} = 'organization') = (${t.organizationId} is not null)`),
    check(
      "ledger_accounts_initiative_check",
      sql`(${t.kind} = 'initiative_funds') = (${t.initiativeId} is not null)`,
    ),
  ],
);

/**
 * One money movement (ADR 0012): its entries sum to zero per currency (a deferred
 * trigger checks at commit), its idempotency key is unique, and it points at what
 * it is about with real foreign keys. Groups and entries are never updated or deleted.
 */
export const ledgerGroups = pgTable(
  "ledger_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: ledgerGroupKinds }).notNull(),
    idempotencyKey: text().notNull().unique(),
    processorObjectId: text(),
    organizationId: uuid().references(() => organizations.id, { onDelete: "restrict" }),
    membershipId: uuid().references(() => memberships.id, { onDelete: "restrict" }),
    pledgeId: uuid().references(() => pledges.id, { onDelete: "restrict" }),
    initiativeId: uuid().references(() => initiatives.id, { onDelete: "restrict" }),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recordedById: uuid().references(() => users.id, { onDelete: "restrict" }),
    description: text().notNull().default(""),
  },
  (t) => [
    index("ledger_groups_occurred_idx").on(t.occurredAt),
    index("ledger_groups_org_idx").on(t.organizationId, t.occurredAt),
    index("ledger_groups_membership_idx").on(t.membershipId),
    index("ledger_groups_pledge_idx").on(t.pledgeId),
    index("ledger_groups_initiative_idx").on(t.initiativeId, t.kind),
    index("ledger_groups_processor_idx").on(t.processorObjectId),
  ],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    groupId: uuid()
      .notNull()
      .references(() => ledgerGroups.id, { onDelete: "restrict" }),
    accountId: uuid()
      .notNull()
      .references(() => ledgerAccounts.id, { onDelete: "restrict" }),
    /** Debit positive, credit negative, integer minor units. */
    amountMinor: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
  },
  (t) => [
    index("ledger_entries_group_idx").on(t.groupId),
    index("ledger_entries_account_idx").on(t.accountId),
    check("ledger_entries_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("ledger_entries_nonzero_check", sql`${t.amountMinor} <> 0`),
  ],
);

/**
 * Each run of the reconciliation job (issue 13, item 10): when it started, who asked
 * for it (null: the daily schedule), and what it found, so the staff page can tell
 * "every run matched" from "none has run" and from "the last one failed".
 * `startedAt` is the `runAt` of the run's reconciliation_issues.
 */
export const reconciliationRuns = pgTable(
  "reconciliation_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    requestedById: uuid().references(() => users.id, { onDelete: "set null" }),
    finishedAt: timestamp({ withTimezone: true }),
    checked: integer(),
    mismatches: integer(),
    error: text(),
    /** The background job that ran it: its retries update this row rather than add failed ones. */
    jobId: text().unique(),
    attempts: integer().notNull().default(1),
  },
  (t) => [index("reconciliation_runs_started_idx").on(t.startedAt)],
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
    pledgeId: uuid().references(() => pledges.id, { onDelete: "restrict" }),
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
    index("payment_attempts_pledge_idx").on(t.pledgeId, t.createdAt),
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
    pledgeId: uuid().references(() => pledges.id, { onDelete: "restrict" }),
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
    pledgeId: uuid().references(() => pledges.id, { onDelete: "restrict" }),
    /** The Stripe invoice paid, or for a card pledge its PaymentIntent. */
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

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { pledgeMethods, pledgeRecoveries, pledgeStatuses } from "../../app/modules/pledges/values";
import { users } from "./auth";
import { initiatives } from "./initiatives";
import { organizations } from "./organizations";

// The values live beside their module so browser code can use them without drizzle.
export {
  type PledgeMethod,
  type PledgeRecovery,
  type PledgeStatus,
  pledgeMethods,
  pledgeRecoveries,
  pledgeStatuses,
} from "../../app/modules/pledges/values";

// Pledges (issue 10): all-or-nothing co-funding. The allowed moves live in
// app/modules/pledges/workflow.ts; every move appends a pledge_transitions row.
// Nothing about money is deleted: the database refuses DELETE on both tables.

export type InvoiceContact = {
  name: string;
  email: string;
  poNumber: string;
  taxId: string;
  addressLine1: string;
  city: string;
  postalCode: string;
  country: string;
};

export const pledges = pgTable(
  "pledges",
  {
    id: uuid().primaryKey().defaultRandom(),
    initiativeId: uuid()
      .notNull()
      .references(() => initiatives.id, { onDelete: "restrict" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    status: text({ enum: pledgeStatuses }).notNull(),
    method: text({ enum: pledgeMethods }).notNull(),
    amountMinor: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    /** Credit: the name (and logo) shown publicly; separately, whether the amount is. */
    showName: boolean().notNull().default(true),
    showAmount: boolean().notNull().default(true),
    message: text().notNull().default(""),
    /** The saved card this pledge is charged on (card pledges). */
    paymentMethodId: text(),
    cardBrand: text(),
    cardLast4: text(),
    cardExpMonth: smallint(),
    cardExpYear: smallint(),
    /** The latest setup Checkout started for this pledge (its completion commits the card). */
    setupSessionId: text(),
    invoiceContact: jsonb().$type<InvoiceContact>(),
    stripeInvoiceId: text(),
    /** One PaymentIntent per pledge: every retry confirms it again (ADR 0014). */
    paymentIntentId: text(),
    attemptCount: integer().notNull().default(0),
    recovery: text({ enum: pledgeRecoveries }),
    failureCode: text(),
    declineCode: text(),
    /** Stripe's advice for the failure (e.g. try_again_later, do_not_try_again). */
    adviceCode: text(),
    failureMessage: text(),
    nextRetryAt: timestamp({ withTimezone: true }),
    fundedAt: timestamp({ withTimezone: true }),
    /** Funding plus 7 days: the errored window (Kickstarter's rule). */
    windowEndsAt: timestamp({ withTimezone: true }),
    finalRetryAt: timestamp({ withTimezone: true }),
    lastReminderAt: timestamp({ withTimezone: true }),
    cardWarnedAt: timestamp({ withTimezone: true }),
    paidAt: timestamp({ withTimezone: true }),
    collectedMinor: bigint({ mode: "number" }),
    feeMinor: bigint({ mode: "number" }),
    committedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("pledges_initiative_org_idx").on(t.initiativeId, t.organizationId),
    index("pledges_initiative_status_idx").on(t.initiativeId, t.status, t.amountMinor.desc()),
    index("pledges_org_idx").on(t.organizationId, t.updatedAt.desc()),
    index("pledges_retry_idx").on(t.nextRetryAt).where(sql`${t.status} = 'failed'`),
    index("pledges_payment_intent_idx").on(t.paymentIntentId),
    check("pledges_amount_check", sql`${t.amountMinor} > 0`),
    check("pledges_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("pledges_message_length_check", sql`char_length(${t.message}) <= 500`),
    check("pledges_attempts_check", sql`${t.attemptCount} between 0 and 8`),
  ],
);

export const pledgeTransitions = pgTable(
  "pledge_transitions",
  {
    id: uuid().primaryKey().defaultRandom(),
    pledgeId: uuid()
      .notNull()
      .references(() => pledges.id, { onDelete: "restrict" }),
    fromStatus: text({ enum: pledgeStatuses }),
    toStatus: text({ enum: pledgeStatuses }).notNull(),
    amountMinor: bigint({ mode: "number" }).notNull(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    reason: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pledge_transitions_pledge_idx").on(t.pledgeId, t.at)],
);

import { and, desc, eq, gte, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { ledgerGroups, memberships, paymentExceptions, reconciliationIssues } from "#db/schema";
import { retrievePaymentIntent } from "~/modules/payments/charges.server";
import {
  paidInvoicesSince,
  retrieveBalanceTransaction,
  retrieveInvoice,
} from "~/modules/payments/invoices.server";
import { renewalPriceOf, retrieveSubscription } from "~/modules/payments/subscriptions.server";
import { ledgerIntegrityProblems } from "./integrity.server";
import { groupsThroughStripe } from "./queries.server";

// The reconciliation job (issue 3, item 5): compare recent ledger entries with
// what Stripe says, and list the differences for staff. It only reads Stripe and
// writes reconciliation_issues; it never "fixes" money on its own.

export const RECONCILE_WINDOW_DAYS = 35;

type Problem = {
  processorObjectId: string;
  problem: string;
  expectedMinor: number | null;
  actualMinor: number | null;
  currency: string | null;
};

export async function reconcileLedger(db: Db, now = new Date()) {
  const since = new Date(now.getTime() - RECONCILE_WINDOW_DAYS * 86_400_000);
  // Each payment and fee group of the window, with the amount that moved through the Stripe balance.
  const entries = await groupsThroughStripe(
    db,
    and(
      inArray(ledgerGroups.kind, ["membership_payment", "processor_fee", "pledge_payment"]),
      gte(ledgerGroups.occurredAt, since),
    ),
  );
  const problems: Problem[] = [];
  const seenInvoices = new Set<string>();

  for (const entry of entries) {
    if (!entry.processorObjectId) continue;
    if (entry.kind === "pledge_payment") {
      // A card pledge is keyed by its PaymentIntent, an invoice pledge by its invoice (ADR 0014).
      const problem = await pledgePaymentProblem(entry.processorObjectId, entry.amountMinor, entry.currency);
      if (problem) problems.push(problem);
      continue;
    }
    if (entry.kind === "membership_payment") {
      seenInvoices.add(entry.processorObjectId);
      const invoice = await retrieveInvoice(entry.processorObjectId).catch(() => null);
      if (!invoice) {
        problems.push({
          processorObjectId: entry.processorObjectId,
          problem: "in the ledger but unknown to Stripe",
          expectedMinor: entry.amountMinor,
          actualMinor: null,
          currency: entry.currency,
        });
      } else if (
        invoice.status !== "paid" ||
        invoice.amount_paid !== entry.amountMinor ||
        invoice.currency.toUpperCase() !== entry.currency
      ) {
        problems.push({
          processorObjectId: entry.processorObjectId,
          problem: `Stripe says ${invoice.status}, ${invoice.amount_paid} ${invoice.currency.toUpperCase()}`,
          expectedMinor: entry.amountMinor,
          actualMinor: invoice.amount_paid,
          currency: entry.currency,
        });
      }
    } else {
      const txn = await retrieveBalanceTransaction(entry.processorObjectId).catch(() => null);
      if (!txn || -txn.fee !== entry.amountMinor) {
        problems.push({
          processorObjectId: entry.processorObjectId,
          problem: txn ? "fee differs" : "fee unknown to Stripe",
          expectedMinor: entry.amountMinor,
          actualMinor: txn ? -txn.fee : null,
          currency: entry.currency,
        });
      }
    }
  }

  // The ledger's own rules (ADR 0012): any row here is a bug or a tampered database.
  for (const p of await ledgerIntegrityProblems(db)) {
    problems.push({
      processorObjectId: p.processorObjectId ?? "(ledger)",
      problem: `${p.check}: ${p.detail}`,
      expectedMinor: p.expectedMinor,
      actualMinor: p.actualMinor,
      currency: p.currency,
    });
  }

  // Paid membership invoices Stripe has that the ledger lacks (a lost or unprocessed webhook).
  for await (const invoice of paidInvoicesSince(since)) {
    const isMembership = Boolean(
      invoice.metadata?.membershipId || invoice.parent?.subscription_details?.subscription,
    );
    if (isMembership && !seenInvoices.has(invoice.id!)) {
      problems.push({
        processorObjectId: invoice.id!,
        problem: "paid at Stripe but missing from the ledger",
        expectedMinor: null,
        actualMinor: invoice.amount_paid,
        currency: invoice.currency.toUpperCase(),
      });
    }
  }

  // What each live card membership will renew at, here and at Stripe (issue 9, item 1.1).
  const cardMemberships = await db
    .select()
    .from(memberships)
    .where(
      and(
        inArray(memberships.status, ["active", "past_due"]),
        eq(memberships.method, "card"),
        isNotNull(memberships.stripeSubscriptionId),
      ),
    );
  for (const membership of cardMemberships) {
    const subscription = await retrieveSubscription(membership.stripeSubscriptionId!).catch(() => null);
    const price = subscription ? renewalPriceOf(subscription) : null;
    const expected = membership.nextAmountMinor ?? membership.amountMinor;
    if (!price || price.unitAmountMinor !== expected || price.currency !== membership.currency) {
      problems.push({
        processorObjectId: membership.stripeSubscriptionId!,
        problem: price
          ? `renews at ${price.unitAmountMinor} ${price.currency} at Stripe, ${expected} ${membership.currency} here`
          : "subscription unknown to Stripe",
        expectedMinor: expected,
        actualMinor: price?.unitAmountMinor ?? null,
        currency: membership.currency,
      });
    }
  }

  const runAt = now;
  if (problems.length) await db.insert(reconciliationIssues).values(problems.map((p) => ({ ...p, runAt })));
  return { runAt, checked: entries.length, problems: problems.length };
}

export async function latestReconciliation(db: Db) {
  const [latest] = await db
    .select({ runAt: reconciliationIssues.runAt })
    .from(reconciliationIssues)
    .orderBy(desc(reconciliationIssues.runAt))
    .limit(1);
  if (!latest) return { runAt: null, issues: [] };
  const issues = await db
    .select()
    .from(reconciliationIssues)
    .where(eq(reconciliationIssues.runAt, latest.runAt));
  return { runAt: latest.runAt, issues };
}

/** Payments Stripe reported that did not match what Commons asked for (not yet resolved). */
export function openPaymentExceptions(db: Db) {
  return db
    .select()
    .from(paymentExceptions)
    .where(isNull(paymentExceptions.resolvedAt))
    .orderBy(desc(paymentExceptions.createdAt))
    .limit(200);
}

async function pledgePaymentProblem(
  objectId: string,
  amountMinor: number,
  currency: string,
): Promise<Problem | null> {
  const at = (actual: number | null, problem: string) => ({
    processorObjectId: objectId,
    problem,
    expectedMinor: amountMinor,
    actualMinor: actual,
    currency,
  });
  if (objectId.startsWith("pi_")) {
    const intent = await retrievePaymentIntent(objectId).catch(() => null);
    if (!intent) return at(null, "in the ledger but unknown to Stripe");
    if (
      intent.status !== "succeeded" ||
      intent.amountReceivedMinor !== amountMinor ||
      intent.currency !== currency
    )
      return at(
        intent.amountReceivedMinor,
        `Stripe says ${intent.status}, ${intent.amountReceivedMinor} ${intent.currency}`,
      );
    return null;
  }
  if (objectId.startsWith("in_")) {
    const invoice = await retrieveInvoice(objectId).catch(() => null);
    if (!invoice) return at(null, "in the ledger but unknown to Stripe");
    if (
      invoice.status !== "paid" ||
      invoice.amount_paid !== amountMinor ||
      invoice.currency.toUpperCase() !== currency
    )
      return at(
        invoice.amount_paid,
        `Stripe says ${invoice.status}, ${invoice.amount_paid} ${invoice.currency.toUpperCase()}`,
      );
  }
  return null;
}

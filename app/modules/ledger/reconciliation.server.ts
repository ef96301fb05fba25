import { and, desc, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  ledgerGroups,
  memberships,
  paymentExceptions,
  reconciliationIssues,
  reconciliationRuns,
  users,
} from "#db/schema";
import { enqueueNow, QUEUES } from "~/modules/jobs/boss.server";
import { retrievePaymentIntent } from "~/modules/payments/charge-state.server";
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
// writes reconciliation_runs and reconciliation_issues; it never "fixes" money on its own.

export const RECONCILE_WINDOW_DAYS = 35;

type Problem = {
  processorObjectId: string;
  problem: string;
  expectedMinor: number | null;
  actualMinor: number | null;
  currency: string | null;
};

/**
 * One run, recorded whether it matches, differs or fails (issue 13, item 10): the row
 * is written first, so a run that dies midway still shows as started and unfinished.
 * `requestedById` is the staff member who pressed "Run now"; null for the schedule.
 * `jobId` is the background job's: a retry of the same job takes over its row (counting
 * the attempt) rather than adding another, so one failing "Run now" shows as one run.
 */
export async function reconcileLedger(
  db: Db,
  {
    now = new Date(),
    requestedById = null,
    jobId = null,
  }: { now?: Date; requestedById?: string | null; jobId?: string | null } = {},
) {
  const runAt = now;
  const [run] = await db
    .insert(reconciliationRuns)
    .values({ startedAt: runAt, requestedById, jobId })
    .onConflictDoUpdate({
      target: reconciliationRuns.jobId,
      set: {
        startedAt: runAt,
        finishedAt: null,
        error: null,
        attempts: sql`${reconciliationRuns.attempts} + 1`,
      },
    })
    .returning({ id: reconciliationRuns.id });
  let found: { checked: number; problems: Problem[] };
  try {
    found = await findDifferences(db, now);
  } catch (error) {
    await db
      .update(reconciliationRuns)
      .set({ finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) })
      .where(eq(reconciliationRuns.id, run!.id));
    throw error;
  }
  const { checked, problems } = found;
  await db.transaction(async (tx) => {
    if (problems.length) await tx.insert(reconciliationIssues).values(problems.map((p) => ({ ...p, runAt })));
    await tx
      .update(reconciliationRuns)
      .set({ finishedAt: new Date(), checked, mismatches: problems.length })
      .where(eq(reconciliationRuns.id, run!.id));
  });
  return { runAt, checked, problems: problems.length };
}

async function findDifferences(db: Db, now: Date) {
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

  // Checked: the ledger's payment and fee groups and the live card subscriptions compared.
  return { checked: entries.length + cardMemberships.length, problems };
}

/** A staff member's "Run now": the job runs soon, and the run is recorded as theirs. */
export function requestReconciliation(requestedById: string) {
  return enqueueNow(QUEUES.reconcile, { requestedById });
}

/**
 * The newest run (which may still be going, or have failed) and the newest finished
 * one with its differences; `latest` null means no run was ever recorded.
 */
export async function latestReconciliation(db: Db) {
  const run = {
    id: reconciliationRuns.id,
    startedAt: reconciliationRuns.startedAt,
    finishedAt: reconciliationRuns.finishedAt,
    checked: reconciliationRuns.checked,
    mismatches: reconciliationRuns.mismatches,
    error: reconciliationRuns.error,
    attempts: reconciliationRuns.attempts,
    requestedBy: users.name,
  };
  const [latest] = await db
    .select(run)
    .from(reconciliationRuns)
    .leftJoin(users, eq(users.id, reconciliationRuns.requestedById))
    .orderBy(desc(reconciliationRuns.startedAt))
    .limit(1);
  const [completed] = await db
    .select(run)
    .from(reconciliationRuns)
    .leftJoin(users, eq(users.id, reconciliationRuns.requestedById))
    .where(and(isNotNull(reconciliationRuns.finishedAt), isNull(reconciliationRuns.error)))
    .orderBy(desc(reconciliationRuns.startedAt))
    .limit(1);
  const issues = completed
    ? await db.select().from(reconciliationIssues).where(eq(reconciliationIssues.runAt, completed.startedAt))
    : [];
  return { latest: latest ?? null, completed: completed ?? null, issues };
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

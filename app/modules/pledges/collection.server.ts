import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { initiatives, pledges } from "#db/schema";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueue, QUEUES } from "~/modules/jobs/boss.server";
import { attemptsOfPledge, isResumable, openAttempt } from "~/modules/payments/attempts.server";
import { offSessionRequest, refundPayment, sendOffSessionAttempt } from "~/modules/payments/charges.server";
import { billingProfileOf } from "~/modules/payments/customers.server";
import { sendInvoice } from "~/modules/payments/invoices.server";
import { ensureProduct } from "~/modules/payments/products.server";
import { StripeApiError } from "~/modules/payments/stripe.server";

// Funding and collection (issue 10, section 2; ADR 0014). At the deadline the
// funding rule decides; a funded initiative's committed pledges move to `collecting`
// in one transaction, and each is charged by its own job: an attempt row with its own
// idempotency key is committed first, Stripe is called outside any transaction, and
// a job that finds an unanswered attempt resends it with the same key (Stripe replays
// it), so a pledge is charged at most once whatever crashes or runs twice. Outcomes
// are applied from Stripe's webhooks (stripe-events.server.ts).

/** Card networks block past 15 attempts in 30 days; a pledge never gets more than this. */
export const MAX_ATTEMPTS = 8;

export function enqueueCollection(tx: Db, pledgeId: string, attempt: number) {
  // A charge takes seconds: a job held longer belongs to a dead worker and is retried.
  return enqueue(
    tx,
    QUEUES.pledgeCollect,
    { pledgeId },
    { singletonKey: `${pledgeId}:${attempt}`, retryLimit: 5, expireInSeconds: 300 },
  );
}

type Prepared =
  | { kind: "skip"; reason: string }
  | { kind: "card"; attempt: Awaited<ReturnType<typeof openAttempt>> }
  | { kind: "invoice"; pledge: typeof pledges.$inferSelect; customerId: string };

/**
 * Collects one pledge (the `pledge-collect` job). A card pledge gets one attempt: a
 * resumed unanswered one, or a new row committed with the pledge's attempt count
 * before Stripe is called. An invoice pledge gets its invoice, once.
 */
export async function collectPledge(db: Db, pledgeId: string): Promise<string> {
  // Under the pledge's lock: two jobs for one pledge see each other's attempt rows.
  const prepared: Prepared = await db.transaction(async (tx) => {
    const [pledge] = await tx.select().from(pledges).where(eq(pledges.id, pledgeId)).for("update");
    if (!pledge || pledge.status !== "collecting")
      return { kind: "skip", reason: pledge?.status ?? "missing" };
    const profile = await billingProfileOf(tx, pledge.organizationId);
    if (!profile) return { kind: "skip", reason: "no customer" };
    if (pledge.method === "invoice") {
      if (pledge.stripeInvoiceId) return { kind: "skip", reason: "invoiced" };
      return { kind: "invoice", pledge, customerId: profile.stripeCustomerId };
    }
    const charges = (await attemptsOfPledge(tx, pledge.id)).filter((a) =>
      a.operation.startsWith("payment-intent."),
    );
    // Stripe accepted a charge: only its webhook moves the pledge on; never charge again.
    if (charges.some((a) => a.status === "succeeded")) return { kind: "skip", reason: "charged" };
    // An attempt that was sent and never answered (a crash, a lost connection) is resent with its own key.
    const unanswered = charges.find((a) => isResumable(a));
    if (unanswered) return { kind: "card", attempt: unanswered };
    if (!pledge.paymentMethodId) return { kind: "skip", reason: "no card" };
    if (pledge.attemptCount >= MAX_ATTEMPTS) return { kind: "skip", reason: "attempts exhausted" };
    const [initiative] = await tx.select().from(initiatives).where(eq(initiatives.id, pledge.initiativeId));
    const { operation, request } = offSessionRequest({
      customerId: profile.stripeCustomerId,
      paymentMethodId: pledge.paymentMethodId,
      amountMinor: pledge.amountMinor,
      currency: pledge.currency,
      description: `Pledge to ${initiative!.title}`,
      metadata: {
        purpose: "pledge",
        pledgeId: pledge.id,
        organizationId: pledge.organizationId,
        initiativeId: pledge.initiativeId,
      },
      paymentIntentId: pledge.paymentIntentId,
    });
    const attempt = await openAttempt(tx, {
      operation,
      request,
      organizationId: pledge.organizationId,
      pledgeId: pledge.id,
    });
    await tx
      .update(pledges)
      .set({ attemptCount: pledge.attemptCount + 1, nextRetryAt: null, updatedAt: new Date() })
      .where(eq(pledges.id, pledge.id));
    return { kind: "card", attempt };
  });
  if (prepared.kind === "skip") return `skipped:${prepared.reason}`;
  if (prepared.kind === "invoice") return issuePledgeInvoice(db, prepared.pledge, prepared.customerId);
  const outcome = await sendOffSessionAttempt(db, prepared.attempt);
  await rememberIntent(db, pledgeId, outcome.paymentIntentId);
  logger.info({ pledgeId, outcome: outcome.outcome }, "pledge charge attempted");
  return outcome.outcome;
}

/**
 * Collecting pledges whose job died with its worker (killed mid-collection): no
 * answered charge and nothing sent for a while. Their collection is enqueued again;
 * collectPledge resumes an unanswered attempt with its own key.
 */
export async function requeueStalledCollections(db: Db, now = new Date(), stalledAfterMs = 2 * 60 * 1000) {
  const stalled = await db
    .select({ id: pledges.id, attemptCount: pledges.attemptCount })
    .from(pledges)
    .where(
      and(
        eq(pledges.status, "collecting"),
        eq(pledges.method, "card"),
        lte(pledges.updatedAt, new Date(now.getTime() - stalledAfterMs)),
        // Nothing sent yet, or the newest charge attempt never answered: a failed one waits for its webhook.
        sql`coalesce((select a.status from payment_attempts a where a.pledge_id = ${pledges.id}
              and a.operation like 'payment-intent.%' order by a.created_at desc limit 1), 'none') in ('none', 'started')`,
      ),
    );
  for (const pledge of stalled)
    await db.transaction((tx) =>
      enqueueCollection(tx, pledge.id, pledge.attemptCount * 1000 + now.getMinutes()),
    );
  return stalled.length;
}

/** The pledge's PaymentIntent, kept so every retry confirms the same one. */
async function rememberIntent(db: Db, pledgeId: string, paymentIntentId: string | null) {
  if (!paymentIntentId) return;
  await db
    .update(pledges)
    .set({ paymentIntentId })
    .where(and(eq(pledges.id, pledgeId)));
}

async function issuePledgeInvoice(db: Db, pledge: typeof pledges.$inferSelect, customerId: string) {
  const [initiative] = await db.select().from(initiatives).where(eq(initiatives.id, pledge.initiativeId));
  const productId = await ensureProduct(db, {
    existingId: initiative!.stripeProductId,
    name: `Pledge: ${initiative!.title}`,
    metadata: { purpose: "pledge", initiativeId: initiative!.id },
  });
  if (!initiative!.stripeProductId)
    await db
      .update(initiatives)
      .set({ stripeProductId: productId })
      .where(and(eq(initiatives.id, initiative!.id)));
  const contact = pledge.invoiceContact;
  const invoice = await sendInvoice(
    db,
    {
      organizationId: pledge.organizationId,
      pledgeId: pledge.id,
      customerId,
      daysUntilDue: 30,
      metadata: {
        purpose: "pledge",
        pledgeId: pledge.id,
        organizationId: pledge.organizationId,
        initiativeId: pledge.initiativeId,
      },
      customFields: [
        ...(contact?.poNumber ? [{ name: "PO number", value: contact.poNumber }] : []),
        ...(contact?.taxId ? [{ name: "Tax ID", value: contact.taxId }] : []),
      ],
      line: {
        productId,
        unitAmountMinor: pledge.amountMinor,
        currency: pledge.currency,
        description: `Pledge to ${initiative!.title}`,
      },
    },
    "pledgeId",
  );
  await db.update(pledges).set({ stripeInvoiceId: invoice.id }).where(eq(pledges.id, pledge.id));
  return "invoiced";
}

/**
 * Staff refund a paid card pledge, with a reason (issue 10: refunds are ledger groups
 * too). Stripe is asked here; the pledge becomes `refunded` and the ledger records it
 * when Stripe's refund webhook confirms it.
 */
export async function refundPledge(db: Db, staffId: string, pledgeId: string, reason: string) {
  if (reason.trim().length < 10)
    throw new ValidationError({ reason: ["Say why it is refunded (at least 10 characters)."] });
  const [pledge] = await db.select().from(pledges).where(eq(pledges.id, pledgeId));
  if (!pledge) throw new NotFoundError("No such pledge.");
  if (pledge.status !== "paid") throw new ConflictError("Only a paid pledge can be refunded.");
  if (!pledge.paymentIntentId)
    throw new ConflictError(
      "This pledge was paid outside Stripe (an invoice paid by transfer): refund it by bank transfer.",
    );
  const refund = await refundPayment(db, {
    organizationId: pledge.organizationId,
    pledgeId: pledge.id,
    actorId: staffId,
    paymentIntentId: pledge.paymentIntentId,
    reason: reason.trim(),
    metadata: { purpose: "pledge", pledgeId: pledge.id },
  }).catch((error: unknown) => {
    if (error instanceof StripeApiError && error.type === "StripeInvalidRequestError")
      throw new ConflictError(`Stripe refused the refund: ${error.message}`);
    throw error;
  });
  await recordAudit(db, {
    actorId: staffId,
    action: "pledge.refund-requested",
    subjectType: "pledge",
    subjectId: pledge.id,
    organizationId: pledge.organizationId,
    details: {
      refundId: refund.id,
      reason: reason.trim(),
      amountMinor: pledge.amountMinor,
      currency: pledge.currency,
    },
  });
  return refund.id;
}

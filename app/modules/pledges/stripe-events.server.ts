import { eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { initiatives, type PledgeRecovery, pledges } from "#db/schema";
import { logger } from "~/lib/logger.server";
import { lockInitiative } from "~/modules/initiatives/initiatives.server";
import { recordPledgeRefund } from "~/modules/ledger/movements.server";
import {
  type PaymentIntentState,
  type RefundState,
  retrievePaymentIntent,
  retrieveRefund,
  savedCardOfSetupSession,
} from "~/modules/payments/charge-state.server";
import { type StripeEventHandlers, stripeHandler } from "~/modules/payments/event-processing.server";
import { retrieveInvoice, settlementOfInvoice } from "~/modules/payments/invoices.server";
import type { StripeCheckoutSession, StripeEvent, StripeInvoice } from "~/modules/payments/stripe.server";
import { enqueueCollection, MAX_ATTEMPTS } from "./collection.server";
import { notifyPledge } from "./notices.server";
import { recordPledgePaid } from "./payment-received.server";
import { movePledge } from "./workflow";

// The pledges module's Stripe events (issue 10; ADR 0011 routing), for objects whose
// `metadata.purpose` is "pledge". Each handler reads the object back from Stripe
// (never trusting the payload) and applies it under the pledge's lock, guarded by the
// transition table, so duplicates and out-of-order deliveries change nothing.

const DAY = 24 * 60 * 60 * 1000;

/** Declines that a retry cannot fix: ask for a new card (issue 10: no blind retry). */
const HARD_DECLINES = new Set([
  "lost_card",
  "stolen_card",
  "expired_card",
  "pickup_card",
  "fraudulent",
  "incorrect_number",
  "invalid_account",
  "card_not_supported",
  "restricted_card",
  "security_violation",
  "revocation_of_authorization",
  "revocation_of_all_authorizations",
  "stop_payment_order",
  "merchant_blacklist",
  "new_account_information_available",
  "invalid_expiry_year",
  "invalid_expiry_month",
  "incorrect_cvc",
]);
/** Soft declines are retried 1, 3 and 5 days after funding; the final retry is at the end of day 7. */
const RETRY_AFTER_DAYS = [1, 2, 2];

export function recoveryOf(
  error: { code: string | null; declineCode: string | null } | null,
): PledgeRecovery {
  if (!error) return "retry";
  if (error.code === "authentication_required" || error.declineCode === "authentication_required")
    return "authenticate";
  if (HARD_DECLINES.has(error.declineCode ?? "") || HARD_DECLINES.has(error.code ?? "")) return "new_card";
  return "retry";
}

async function lockPledge(tx: Tx, pledgeId: string | undefined) {
  if (!pledgeId) return null;
  const [pledge] = await tx.select().from(pledges).where(eq(pledges.id, pledgeId)).for("update");
  return pledge ?? null;
}

/** A card saved on Stripe's page: commits a pending pledge, or replaces the card of a live one. */
async function onCardSaved(tx: Tx, card: NonNullable<Awaited<ReturnType<typeof savedCardOfSetupSession>>>) {
  const pledgeId = card.metadata.pledgeId;
  const [peek] = pledgeId ? await tx.select().from(pledges).where(eq(pledges.id, pledgeId)) : [];
  if (!peek) return;
  // The initiative first (the totals live on it), then the pledge: the order savePledge locks in.
  const initiative = await (await lockInitiative(tx, peek.initiativeId))!;
  const pledge = (await lockPledge(tx, pledgeId))!;
  const cardFields = {
    method: "card" as const,
    paymentMethodId: card.paymentMethodId,
    cardBrand: card.brand,
    cardLast4: card.last4,
    cardExpMonth: card.expMonth,
    cardExpYear: card.expYear,
    cardWarnedAt: null,
  };
  const move = { by: "stripe" as const, actorId: null, reason: `card ${card.brand} ····${card.last4} saved` };
  const open =
    initiative.status === "open" && (!initiative.pledgeDeadline || initiative.pledgeDeadline > new Date());
  if (pledge.status === "pending" && open) {
    await movePledge(tx, pledge, "committed", move, cardFields);
    await notifyPledge(tx, { kind: "committed", pledgeId: pledge.id });
  } else if (pledge.status === "committed" || pledge.status === "collecting") {
    await movePledge(tx, pledge, pledge.status, move, cardFields);
  } else if (pledge.status === "failed") {
    // A new card during the errored window: collect again at once.
    await movePledge(tx, pledge, "collecting", move, { ...cardFields, recovery: null, nextRetryAt: null });
    await enqueueCollection(tx, pledge.id, pledge.attemptCount);
  } else {
    logger.info({ pledgeId, status: pledge.status }, "card saved for a pledge that no longer takes one");
  }
}

async function onPaymentSucceeded(tx: Tx, event: StripeEvent, intent: PaymentIntentState) {
  const pledge = await lockPledge(tx, intent.metadata.pledgeId);
  if (!pledge || intent.status !== "succeeded") return;
  await recordPledgePaid(
    tx,
    pledge,
    {
      objectId: intent.id,
      amountMinor: intent.amountReceivedMinor,
      currency: intent.currency,
      at: new Date(),
      fee: intent.fee,
      paymentIntentId: intent.id,
    },
    event.id,
  );
}

const ADVICE: Record<PledgeRecovery, string> = {
  authenticate: "The bank asks you to confirm the payment. Open the pledge and confirm it.",
  new_card: "The card cannot be charged. Add a new card, or switch the pledge to an invoice.",
  retry: "We will try the card again automatically; you can also add a new card.",
};

async function onPaymentFailed(tx: Tx, intent: PaymentIntentState, now = new Date()) {
  const pledge = await lockPledge(tx, intent.metadata.pledgeId);
  // Stripe's current state decides: a failure announced after a success changes nothing.
  if (!pledge || intent.status === "succeeded" || intent.status === "processing") return;
  if (pledge.status !== "collecting" && pledge.status !== "failed") return;
  const recovery = recoveryOf(intent.lastError);
  const windowEnds = pledge.windowEndsAt ?? new Date(now.getTime() + 7 * DAY);
  const delay = RETRY_AFTER_DAYS[Math.min(pledge.attemptCount - 1, RETRY_AFTER_DAYS.length - 1)] ?? 2;
  const retryAt = new Date(now.getTime() + delay * DAY);
  const nextRetryAt =
    recovery === "retry" && pledge.attemptCount < MAX_ATTEMPTS && retryAt < windowEnds && !pledge.finalRetryAt
      ? retryAt
      : null;
  const wasFailed = pledge.status === "failed";
  await movePledge(
    tx,
    pledge,
    "failed",
    { by: "stripe", actorId: null, reason: intent.lastError?.message || "the charge failed" },
    {
      recovery,
      failureCode: intent.lastError?.code ?? null,
      declineCode: intent.lastError?.declineCode ?? null,
      adviceCode: intent.lastError?.adviceCode ?? null,
      failureMessage: intent.lastError?.message ?? null,
      nextRetryAt,
      windowEndsAt: windowEnds,
    },
  );
  // The first failure tells the pledger at once; the sweep repeats it every 48 hours.
  if (!wasFailed || pledge.recovery !== recovery) {
    await notifyPledge(tx, { kind: "action_needed", pledgeId: pledge.id, detail: ADVICE[recovery] });
    await tx.update(pledges).set({ lastReminderAt: now }).where(eq(pledges.id, pledge.id));
  }
}

async function onInvoicePaid(
  tx: Tx,
  event: StripeEvent,
  loaded: {
    invoice: StripeInvoice;
    fee: { id: string; feeMinor: number; currency: string } | null;
    paymentIntentId: string | null;
  },
) {
  const { invoice } = loaded;
  const pledge = await lockPledge(tx, invoice.metadata?.pledgeId);
  if (!pledge || invoice.status !== "paid") return;
  await recordPledgePaid(
    tx,
    pledge,
    {
      objectId: invoice.id!,
      amountMinor: invoice.amount_paid,
      currency: invoice.currency.toUpperCase(),
      at: new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000),
      fee: loaded.fee,
      paymentIntentId: loaded.paymentIntentId,
    },
    event.id,
  );
}

/** A refund staff asked for, confirmed by Stripe: the pledge is refunded and the money goes back out of the initiative's funds. */
async function onRefund(tx: Tx, refund: RefundState) {
  const pledge = await lockPledge(tx, refund.metadata.pledgeId);
  if (!pledge || refund.status !== "succeeded" || pledge.status !== "paid") return;
  const [initiative] = await tx.select().from(initiatives).where(eq(initiatives.id, pledge.initiativeId));
  await movePledge(tx, pledge, "refunded", {
    by: "stripe",
    actorId: null,
    reason: `refunded through ${refund.id}: ${refund.metadata.reason ?? ""}`.trim(),
  });
  await recordPledgeRefund(tx, {
    refundId: refund.id,
    amountMinor: refund.amountMinor,
    currency: refund.currency,
    organizationId: pledge.organizationId,
    initiativeId: pledge.initiativeId,
    pledgeId: pledge.id,
    occurredAt: refund.created,
    description: `Refund of a pledge to ${initiative!.title}`,
  });
}

const paymentIntentOf = (event: StripeEvent) =>
  retrievePaymentIntent((event.data.object as { id: string }).id);

export const pledgeStripeHandlers: StripeEventHandlers = {
  "checkout.session.completed": stripeHandler<Awaited<ReturnType<typeof savedCardOfSetupSession>>>({
    load: (event) => {
      const session = event.data.object as StripeCheckoutSession;
      return session.mode === "setup" ? savedCardOfSetupSession(session.id) : Promise.resolve(null);
    },
    apply: async (tx, _event, card) => void (card && (await onCardSaved(tx, card))),
  }),
  "payment_intent.succeeded": stripeHandler<PaymentIntentState>({
    load: paymentIntentOf,
    apply: onPaymentSucceeded,
  }),
  "payment_intent.payment_failed": stripeHandler<PaymentIntentState>({
    load: paymentIntentOf,
    apply: (tx, _event, intent) => onPaymentFailed(tx, intent),
  }),
  "refund.created": stripeHandler<RefundState>({
    load: (event) => retrieveRefund((event.data.object as { id: string }).id),
    apply: (tx, _event, refund) => onRefund(tx, refund),
  }),
  "refund.updated": stripeHandler<RefundState>({
    load: (event) => retrieveRefund((event.data.object as { id: string }).id),
    apply: (tx, _event, refund) => onRefund(tx, refund),
  }),
  "invoice.paid": stripeHandler({
    load: async (event) => {
      const invoice = await retrieveInvoice((event.data.object as StripeInvoice).id!);
      const settlement = await settlementOfInvoice(invoice.id!);
      return {
        invoice,
        paymentIntentId: settlement.paymentIntentId,
        fee: settlement.fee
          ? {
              id: settlement.fee.balanceTransactionId,
              feeMinor: settlement.fee.feeMinor,
              currency: settlement.fee.currency.toUpperCase(),
            }
          : null,
      };
    },
    apply: onInvoicePaid,
  }),
};

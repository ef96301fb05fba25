import { idOf, stripe } from "./stripe.server";

// What Stripe holds now about a charge, a refund or a saved card (issue 9, section 2),
// read from Stripe and never from the browser: the webhook handlers and reconciliation
// record the outcome Stripe has, not the one that was asked for.

/** A PaymentIntent as Stripe has it now, with its charge's balance transaction (the fee). */
export async function retrievePaymentIntent(id: string) {
  const intent = await stripe().paymentIntents.retrieve(id, {
    expand: ["latest_charge.balance_transaction"],
  });
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const balance =
    charge && typeof charge.balance_transaction === "object" ? charge.balance_transaction : null;
  return {
    id: intent.id,
    status: intent.status,
    amountMinor: intent.amount,
    amountReceivedMinor: intent.amount_received,
    currency: intent.currency.toUpperCase(),
    metadata: intent.metadata,
    paymentMethodId: idOf(intent.payment_method),
    lastError: intent.last_payment_error
      ? {
          code: intent.last_payment_error.code ?? null,
          declineCode: intent.last_payment_error.decline_code ?? null,
          adviceCode: intent.last_payment_error.advice_code ?? null,
          message: intent.last_payment_error.message ?? "",
        }
      : null,
    fee: balance ? { id: balance.id, feeMinor: balance.fee, currency: balance.currency.toUpperCase() } : null,
    created: new Date(intent.created * 1000),
  };
}
export type PaymentIntentState = Awaited<ReturnType<typeof retrievePaymentIntent>>;

/** The saved card of a completed setup Checkout (read from Stripe, never from the browser). */
export async function savedCardOfSetupSession(sessionId: string) {
  const session = await stripe().checkout.sessions.retrieve(sessionId, {
    expand: ["setup_intent.payment_method"],
  });
  const setupIntent = typeof session.setup_intent === "object" ? session.setup_intent : null;
  const pm =
    setupIntent && typeof setupIntent.payment_method === "object" ? setupIntent.payment_method : null;
  if (session.status !== "complete" || setupIntent?.status !== "succeeded" || !pm?.card) return null;
  return {
    sessionId: session.id,
    metadata: session.metadata ?? {},
    paymentMethodId: pm.id,
    brand: pm.card.brand,
    last4: pm.card.last4,
    expMonth: pm.card.exp_month,
    expYear: pm.card.exp_year,
  };
}

/** The cards saved to a customer, newest first. */
export async function savedCards(customerId: string) {
  const methods = await stripe().paymentMethods.list({ customer: customerId, type: "card", limit: 20 });
  return methods.data.map((pm) => ({
    id: pm.id,
    brand: pm.card?.brand ?? "card",
    last4: pm.card?.last4 ?? "",
    expMonth: pm.card?.exp_month ?? 0,
    expYear: pm.card?.exp_year ?? 0,
  }));
}

/** A refund as Stripe has it now. */
export async function retrieveRefund(id: string) {
  const refund = await stripe().refunds.retrieve(id);
  return {
    id: refund.id,
    status: refund.status,
    amountMinor: refund.amount,
    currency: refund.currency.toUpperCase(),
    metadata: refund.metadata ?? {},
    paymentIntentId: idOf(refund.payment_intent),
    created: new Date(refund.created * 1000),
  };
}
export type RefundState = Awaited<ReturnType<typeof retrieveRefund>>;

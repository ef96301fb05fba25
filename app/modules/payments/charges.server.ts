import type { Db } from "#db/client.server";
import { type AttemptSubject, attemptStripe } from "./attempts.server";
import { idOf, StripeApiError, stripe } from "./stripe.server";

// Saving a card now and charging it later (issue 9, section 2; what pledges need):
// Checkout in setup mode, an off-session charge of the saved card, and refunds. Each
// call is an attempt with its own key; outcomes are confirmed by webhooks.

/** Stripe Checkout in setup mode: saves a card to the customer; nothing is charged. */
export async function createSetupCheckout(
  db: Db,
  input: AttemptSubject & {
    customerId: string;
    currency: string;
    metadata: Record<string, string>;
    successUrl: string;
    cancelUrl: string;
  },
) {
  const session = await attemptStripe(
    db,
    {
      operation: "checkout.setup",
      organizationId: input.organizationId,
      actorId: input.actorId,
      request: {
        mode: "setup" as const,
        currency: input.currency.toLowerCase(),
        customer: input.customerId,
        metadata: input.metadata,
        setup_intent_data: { metadata: input.metadata },
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
    },
    (params, options) => stripe().checkout.sessions.create(params, options),
  );
  if (!session.url) throw new Error(`checkout session ${session.id} has no URL`);
  return { id: session.id, url: session.url };
}

/** Stripe Checkout in payment mode: one payment now, on Stripe's page (e.g. a donation to the pool). */
export async function createPaymentCheckout(
  db: Db,
  input: AttemptSubject & {
    customerId: string;
    productId: string;
    amountMinor: number;
    currency: string;
    metadata: Record<string, string>;
    successUrl: string;
    cancelUrl: string;
  },
) {
  const session = await attemptStripe(
    db,
    {
      operation: "checkout.payment",
      organizationId: input.organizationId,
      actorId: input.actorId,
      request: {
        mode: "payment" as const,
        customer: input.customerId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: input.currency.toLowerCase(),
              unit_amount: input.amountMinor,
              product: input.productId,
            },
          },
        ],
        metadata: input.metadata,
        payment_intent_data: { metadata: input.metadata },
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
    },
    (params, options) => stripe().checkout.sessions.create(params, options),
  );
  if (!session.url) throw new Error(`checkout session ${session.id} has no URL`);
  return { id: session.id, url: session.url };
}

export type OffSessionCharge =
  | { outcome: "succeeded"; paymentIntentId: string }
  | { outcome: "authentication_required"; paymentIntentId: string | null; message: string }
  | {
      outcome: "declined";
      paymentIntentId: string | null;
      code: string;
      declineCode: string | null;
      message: string;
    };

/**
 * Charges a saved card without the customer present. Stripe answers a decline or a
 * needed authentication with a 402; that answer is returned as an outcome (the
 * attempt row records it too), not thrown. The webhook confirms the result.
 */
export async function chargeSavedCard(
  db: Db,
  input: AttemptSubject & {
    customerId: string;
    paymentMethodId: string;
    amountMinor: number;
    currency: string;
    description: string;
    metadata: Record<string, string>;
  },
): Promise<OffSessionCharge> {
  try {
    const intent = await attemptStripe(
      db,
      {
        operation: "payment-intent.off-session",
        organizationId: input.organizationId,
        actorId: input.actorId,
        request: {
          amount: input.amountMinor,
          currency: input.currency.toLowerCase(),
          customer: input.customerId,
          payment_method: input.paymentMethodId,
          off_session: true,
          confirm: true,
          description: input.description,
          metadata: input.metadata,
        },
      },
      (params, options) => stripe().paymentIntents.create(params, options),
    );
    return { outcome: "succeeded", paymentIntentId: intent.id };
  } catch (error) {
    if (!(error instanceof StripeApiError) || error.type !== "StripeCardError") throw error;
    const intentId = idOf((error.raw as { payment_intent?: { id: string } }).payment_intent);
    if (error.code === "authentication_required")
      return { outcome: "authentication_required", paymentIntentId: intentId, message: error.message };
    return {
      outcome: "declined",
      paymentIntentId: intentId,
      code: error.code ?? "card_declined",
      declineCode: (error.raw as { decline_code?: string }).decline_code ?? null,
      message: error.message,
    };
  }
}

/** Refunds all (or part) of a PaymentIntent's charge. */
export function refundPayment(
  db: Db,
  input: AttemptSubject & { paymentIntentId: string; amountMinor?: number; reason: string },
) {
  return attemptStripe(
    db,
    {
      operation: "refund.create",
      organizationId: input.organizationId,
      actorId: input.actorId,
      request: {
        payment_intent: input.paymentIntentId,
        ...(input.amountMinor ? { amount: input.amountMinor } : {}),
        metadata: { reason: input.reason },
      },
    },
    (params, options) => stripe().refunds.create(params, options),
  );
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

import type { Db } from "#db/client.server";
import { ConflictError } from "~/lib/errors";
import { type AttemptSubject, attemptStripe } from "./attempts.server";
import { StripeApiError, stripe } from "./stripe.server";

// Stripe Checkout (issue 9, section 2): hosted pages in subscription, setup and
// payment modes. What a session achieved is learnt from webhooks, never from the
// browser coming back.

export type YearlyPrice = { productId: string; unitAmountMinor: number; currency: string };

export async function createSubscriptionCheckout(
  db: Db,
  input: AttemptSubject & {
    customerId: string;
    price: YearlyPrice;
    clientReferenceId: string;
    metadata: Record<string, string>;
    successUrl: string;
    cancelUrl: string;
  },
) {
  const session = await attemptStripe(
    db,
    {
      operation: "checkout.subscription",
      organizationId: input.organizationId,
      membershipId: input.membershipId,
      actorId: input.actorId,
      request: {
        mode: "subscription" as const,
        customer: input.customerId,
        client_reference_id: input.clientReferenceId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: input.price.currency.toLowerCase(),
              unit_amount: input.price.unitAmountMinor,
              recurring: { interval: "year" as const },
              product: input.price.productId,
            },
          },
        ],
        subscription_data: { metadata: input.metadata },
        metadata: input.metadata,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
    },
    (params, options) => stripe().checkout.sessions.create(params, options),
  );
  if (!session.url) throw new Error(`checkout session ${session.id} has no URL`);
  return { id: session.id, url: session.url };
}

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
      pledgeId: input.pledgeId,
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
      pledgeId: input.pledgeId,
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

/**
 * Makes sure an earlier Checkout session can no longer take money before a new one
 * replaces it (issue 9, item 1.4). Returns "expired" when it is closed unpaid, and
 * throws a ConflictError when it was completed: that payment is real and stays.
 */
export async function closeCheckoutSession(sessionId: string): Promise<"expired"> {
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  if (session.status === "open") {
    try {
      await stripe().checkout.sessions.expire(sessionId);
      return "expired";
    } catch (error) {
      // Completed between our read and the expiry: read again to be sure.
      if (!(error instanceof StripeApiError) || error.statusCode !== 400) throw error;
      const again = await stripe().checkout.sessions.retrieve(sessionId);
      if (again.status === "expired") return "expired";
    }
  } else if (session.status === "expired") {
    return "expired";
  }
  throw new ConflictError(
    "A payment from an earlier checkout of this organization has just gone through. Reload the billing page to see the membership.",
  );
}

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

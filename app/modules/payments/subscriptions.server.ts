import type { Db } from "#db/client.server";
import { type AttemptSubject, attemptStripe } from "./attempts.server";
import type { YearlyPrice } from "./checkout.server";
import { stripe } from "./stripe.server";

// Subscriptions (issue 9, section 2). Every change is its own attempt with its own
// idempotency key, and callers record what Stripe returns, not what they asked for.

export function retrieveSubscription(subscriptionId: string) {
  return stripe().subscriptions.retrieve(subscriptionId);
}

/** What a subscription will charge at its next renewal, as Stripe has it. */
export function renewalPriceOf(subscription: { items: { data: { price: unknown }[] } }) {
  const price = subscription.items.data[0]?.price as
    | { unit_amount: number | null; currency: string; product: string | { id: string } }
    | undefined;
  if (!price) return null;
  return {
    productId: typeof price.product === "string" ? price.product : price.product.id,
    unitAmountMinor: price.unit_amount ?? 0,
    currency: price.currency.toUpperCase(),
  };
}

/** Moves a subscription to another yearly price from its next renewal (no proration). */
export async function changeSubscriptionPrice(
  db: Db,
  input: AttemptSubject & { subscriptionId: string; price: YearlyPrice; metadata: Record<string, string> },
) {
  const current = await retrieveSubscription(input.subscriptionId);
  const item = current.items.data[0];
  if (!item) throw new Error(`subscription ${input.subscriptionId} has no item`);
  return attemptStripe(
    db,
    {
      operation: "subscription.change-price",
      organizationId: input.organizationId,
      membershipId: input.membershipId,
      actorId: input.actorId,
      request: {
        proration_behavior: "none" as const,
        items: [
          {
            id: item.id,
            price_data: {
              currency: input.price.currency.toLowerCase(),
              unit_amount: input.price.unitAmountMinor,
              recurring: { interval: "year" as const },
              product: input.price.productId,
            },
          },
        ],
        metadata: input.metadata,
      },
    },
    (params, options) => stripe().subscriptions.update(input.subscriptionId, params, options),
  );
}

export function setSubscriptionCancelAtPeriodEnd(
  db: Db,
  input: AttemptSubject & { subscriptionId: string; cancel: boolean },
) {
  return attemptStripe(
    db,
    {
      operation: input.cancel ? "subscription.cancel-at-period-end" : "subscription.keep",
      organizationId: input.organizationId,
      membershipId: input.membershipId,
      actorId: input.actorId,
      request: { cancel_at_period_end: input.cancel },
    },
    (params, options) => stripe().subscriptions.update(input.subscriptionId, params, options),
  );
}

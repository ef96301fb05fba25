import { eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { type MembershipStatus, memberships } from "#db/schema";
import { organizationContacts } from "~/modules/organizations/organizations.server";
import type { StripeInvoice, StripeSubscription } from "~/modules/payments/stripe.server";
import { idOf } from "~/modules/payments/stripe.server";
import { retrieveSubscription } from "~/modules/payments/subscriptions.server";
import { recordScheduledTier } from "./billing.server";
import { canMoveMembership, moveMembership, updateMembershipDetails } from "./workflow";

// What Stripe's subscriptions mean for memberships (issue 3, item 10; issue 9), and
// the lookups the other event handlers share (invoice-payments.server.ts). Every
// handler reads Stripe's current state first, outside any transaction, so events
// arriving late, twice or out of order converge on what Stripe holds.

export type MembershipRow = typeof memberships.$inferSelect;

/** Stripe subscription status → ours. A subscription that ran out after "cancel at period end" expired. */
export function statusFromSubscription(subscription: StripeSubscription): MembershipStatus | null {
  switch (subscription.status) {
    case "active":
    case "trialing":
      return "active";
    case "past_due":
    case "unpaid":
      return "past_due";
    case "canceled":
    case "incomplete_expired":
      return subscription.cancel_at_period_end ? "expired" : "canceled";
    default:
      return null;
  }
}

export async function findMembership(
  tx: Tx,
  ids: { membershipId?: string | null; subscriptionId?: string | null },
) {
  if (ids.subscriptionId) {
    const [bySubscription] = await tx
      .select()
      .from(memberships)
      .where(eq(memberships.stripeSubscriptionId, ids.subscriptionId))
      .for("update");
    if (bySubscription) return bySubscription;
  }
  if (!ids.membershipId) return undefined;
  const [byId] = await tx
    .select()
    .from(memberships)
    .where(eq(memberships.id, ids.membershipId))
    .for("update");
  return byId;
}

export function periodOf(subscription: StripeSubscription) {
  const item = subscription.items.data[0];
  return item
    ? {
        currentPeriodStart: new Date(item.current_period_start * 1000),
        currentPeriodEnd: new Date(item.current_period_end * 1000),
      }
    : {};
}

export type LoadedSubscription = { subscription: StripeSubscription; readAt: Date };

export async function loadSubscription(id: string): Promise<LoadedSubscription> {
  const readAt = new Date();
  return { subscription: await retrieveSubscription(id), readAt };
}

/**
 * Applies Stripe's view of a subscription. A read older than one already applied is
 * ignored (two workers may read in one order and write in the other). A pending
 * membership is not activated here: only its verified paid invoice does that.
 */
export async function syncSubscription(tx: Tx, loaded: LoadedSubscription, reason: string) {
  const { subscription, readAt } = loaded;
  const membership = await findMembership(tx, {
    subscriptionId: subscription.id,
    membershipId: subscription.metadata.membershipId,
  });
  if (!membership) return null;
  if (membership.stripeStateAt && membership.stripeStateAt >= readAt) return membership;
  const details = {
    stripeSubscriptionId: subscription.id,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    stripeStateAt: readAt,
    ...(membership.status === "pending" ? {} : periodOf(subscription)),
  };
  const target = statusFromSubscription(subscription);
  let row: MembershipRow;
  if (
    target &&
    target !== membership.status &&
    membership.status !== "pending" &&
    canMoveMembership(membership.status, target, "stripe")
  ) {
    row = await moveMembership(tx, membership, target, { by: "stripe", actorId: null, reason }, details);
  } else if (target && target !== "active" && membership.status === "pending") {
    // A checkout whose subscription never got paid: it ends without ever being active.
    row = canMoveMembership("pending", "canceled", "stripe")
      ? await moveMembership(tx, membership, "canceled", { by: "stripe", actorId: null, reason }, details)
      : membership;
  } else {
    row = await updateMembershipDetails(tx, membership.id, details);
  }
  return row.status === "pending" ? row : recordScheduledTier(tx, row, subscription);
}

export function subscriptionOfInvoice(invoice: StripeInvoice) {
  return idOf(invoice.parent?.subscription_details?.subscription);
}

export { organizationContacts };

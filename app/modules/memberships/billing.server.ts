import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { membershipTiers } from "#db/schema";
import { env } from "~/lib/env.server";
import { ConflictError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { billingPortalUrl, billingProfileOf } from "~/modules/payments/customers.server";
import { listCustomerInvoices } from "~/modules/payments/invoices.server";
import {
  changeSubscriptionPrice,
  renewalPriceOf,
  setSubscriptionCancelAtPeriodEnd,
} from "~/modules/payments/subscriptions.server";
import { assertBilling, currentMembership, type Membership } from "./memberships.server";
import { productOfTier, tierOfProduct } from "./tiers.server";
import { lockMembership, updateMembershipDetails } from "./workflow";

// Managing a running membership from the billing page: the billing portal, cancelling
// at period end, a tier change from the next renewal, and the organization's invoices.
// As when joining (memberships.server.ts), Stripe's answer and then its webhook change
// our row, never the browser.

/** A Stripe billing-portal session for card members; returns its URL. */
export async function openBillingPortal(db: Db, context: OrganizationContext, returnOrigin = env().appUrl) {
  assertBilling(context);
  const profile = await billingProfileOf(db, context.organization.id);
  if (!profile) throw new ConflictError("This organization has no card on file yet.");
  return billingPortalUrl(
    profile.stripeCustomerId,
    `${returnOrigin}/orgs/${context.organization.slug}/billing`,
  );
}

async function liveCardMembership(db: Db, context: OrganizationContext) {
  const row = await currentMembership(db, context.organization.id);
  if (
    !row ||
    !row.membership.stripeSubscriptionId ||
    !["active", "past_due"].includes(row.membership.status)
  ) {
    throw new ConflictError("There is no active card membership to change.");
  }
  return row;
}

/** Cancel at period end (or undo it). Stripe's answer, then its webhook, update our row. */
export async function setCancelAtPeriodEnd(db: Db, context: OrganizationContext, cancel: boolean) {
  assertBilling(context);
  const { membership } = await liveCardMembership(db, context);
  const subscription = await setSubscriptionCancelAtPeriodEnd(db, {
    subscriptionId: membership.stripeSubscriptionId!,
    cancel,
    organizationId: context.organization.id,
    membershipId: membership.id,
    actorId: context.actor.userId,
  });
  await db.transaction(async (tx) => {
    await updateMembershipDetails(tx, membership.id, {
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
    });
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: cancel ? "membership.cancel_requested" : "membership.cancel_withdrawn",
      subjectType: "membership",
      subjectId: membership.id,
      organizationId: context.organization.id,
    });
  });
}

/**
 * Records the tier a subscription will renew at, from the subscription Stripe
 * returned or sent (issue 9, item 1.1). The tier paid for stays in force until the
 * renewal invoice is paid.
 */
export async function recordScheduledTier(
  tx: Db,
  membership: Membership,
  subscription: { items: { data: { price: unknown }[] } },
) {
  const price = renewalPriceOf(subscription);
  if (!price) return membership;
  const tier = await tierOfProduct(tx, price.productId);
  const same =
    (!tier || tier.id === membership.tierId) &&
    price.unitAmountMinor === membership.amountMinor &&
    price.currency === membership.currency;
  return updateMembershipDetails(tx, membership.id, {
    nextTierId: same ? null : (tier?.id ?? membership.tierId),
    nextAmountMinor: same ? null : price.unitAmountMinor,
  });
}

/** Moves a card membership to another tier from the next renewal (no proration). */
export async function changeTier(db: Db, context: OrganizationContext, tierId: string) {
  assertBilling(context);
  const { membership, tier: from, nextTier } = await liveCardMembership(db, context);
  const [tier] = await db
    .select()
    .from(membershipTiers)
    .where(and(eq(membershipTiers.id, tierId), eq(membershipTiers.isActive, true)));
  if (!tier || tier.isSubsidised)
    throw new ValidationError({ tierId: ["Choose one of the paid tiers on offer."] });
  if (tier.id === (nextTier ?? from).id) return "unchanged" as const;
  const productId = await productOfTier(db, tier);
  const subscription = await changeSubscriptionPrice(db, {
    subscriptionId: membership.stripeSubscriptionId!,
    price: { productId, unitAmountMinor: tier.priceMinor, currency: tier.currency },
    metadata: { tierId: tier.id },
    organizationId: context.organization.id,
    membershipId: membership.id,
    actorId: context.actor.userId,
  });
  await db.transaction(async (tx) => {
    const locked = await lockMembership(tx, membership.id);
    await recordScheduledTier(tx, locked!, subscription);
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "membership.tier_change_scheduled",
      subjectType: "membership",
      subjectId: membership.id,
      organizationId: context.organization.id,
      details: { from: from.name, to: tier.name, fromNextRenewal: true },
    });
  });
  return "scheduled" as const;
}

/** Invoices and receipts of the organization, as Stripe has them. */
export async function listBillingDocuments(db: Db, context: OrganizationContext) {
  assertBilling(context);
  const profile = await billingProfileOf(db, context.organization.id);
  if (!profile) return [];
  const invoices = await listCustomerInvoices(profile.stripeCustomerId);
  return invoices
    .filter((i) => i.status !== "draft")
    .map((i) => ({
      id: i.id!,
      number: i.number,
      status: i.status,
      amountMinor: i.status === "paid" ? i.amount_paid : i.amount_due,
      currency: i.currency.toUpperCase(),
      created: new Date(i.created * 1000).toISOString(),
      url: i.hosted_invoice_url ?? null,
    }));
}

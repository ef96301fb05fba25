import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import { memberships, membershipTiers } from "#db/schema";
import { env } from "~/lib/env.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import { closeCheckoutSession, createSubscriptionCheckout } from "~/modules/payments/checkout.server";
import { billingPortalUrl, billingProfileOf, ensureCustomer } from "~/modules/payments/customers.server";
import { listCustomerInvoices } from "~/modules/payments/invoices.server";
import {
  changeSubscriptionPrice,
  renewalPriceOf,
  setSubscriptionCancelAtPeriodEnd,
} from "~/modules/payments/subscriptions.server";
import { productOfTier, tierOfProduct } from "./tiers.server";
import { createMembership, lockMembership, moveMembership, updateMembershipDetails } from "./workflow";

// Joining and managing a membership (issue 3, items 7, 10, 11; issue 9, items 1.1–1.4).
// The browser never changes a membership's state: Stripe's confirmations do
// (lifecycle.server.ts), through the transition table in workflow.ts.

export const LIVE_STATUSES = ["pending", "active", "past_due"] as const;
export type Membership = typeof memberships.$inferSelect;

function assertBilling(context: OrganizationContext) {
  if (!can(context.actor, "manage-billing"))
    throw new ForbiddenError("Only organization admins can manage billing.");
}

export async function currentMembership(db: Db, organizationId: string) {
  const [row] = await db
    .select({ membership: memberships, tier: membershipTiers })
    .from(memberships)
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(desc(memberships.createdAt))
    .limit(1);
  if (!row) return null;
  const nextTier = row.membership.nextTierId
    ? ((
        await db.select().from(membershipTiers).where(eq(membershipTiers.id, row.membership.nextTierId))
      )[0] ?? null)
    : null;
  return { ...row, nextTier };
}

export function liveMemberships(db: Db, organizationId: string) {
  return db
    .select()
    .from(memberships)
    .where(
      and(eq(memberships.organizationId, organizationId), inArray(memberships.status, [...LIVE_STATUSES])),
    );
}

/**
 * A card checkout that was started and never paid, or an invoice request that never
 * reached Stripe (a crash between its steps): the only live memberships a new request
 * may replace.
 */
export function isUnpaidCheckout(m: Membership) {
  if (m.status !== "pending") return false;
  if (m.method === "card") return !m.stripeSubscriptionId;
  return m.method === "invoice" && !m.stripeInvoiceId;
}

/**
 * Retires unpaid card checkouts before a new checkout or invoice replaces them
 * (issue 9, item 1.4): each session is closed at Stripe first, and only a session
 * Stripe confirms expired lets its membership be canceled. A session that was
 * completed meanwhile is a real payment: the caller gets a ConflictError and the
 * membership stays for its webhook. Nothing is deleted.
 */
export async function retireUnpaidCheckouts(
  stale: Membership[],
  actorId: string | null,
  reason: string,
): Promise<(tx: Tx) => Promise<void>> {
  for (const m of stale) if (m.stripeCheckoutSessionId) await closeCheckoutSession(m.stripeCheckoutSessionId);
  return async (tx) => {
    for (const m of stale) {
      const locked = await lockMembership(tx, m.id);
      if (!locked || locked.status !== "pending") continue;
      if (!isUnpaidCheckout(locked))
        throw new ConflictError(
          "A payment for this organization has just gone through. Reload the billing page.",
        );
      await moveMembership(tx, locked, "canceled", { by: "admin", actorId, reason });
    }
  };
}

/**
 * Starts Stripe Checkout (subscription, yearly) for a tier and records a pending
 * membership; returns the hosted page's URL. An unpaid earlier checkout is closed.
 */
export async function startCardCheckout(
  db: Db,
  context: OrganizationContext,
  input: {
    tierId: string;
    viewer: { email: string; name: string };
    /** Where Stripe sends the person back (app/lib/return-origin.server.ts); APP_URL by default. */
    returnOrigin?: string;
  },
) {
  assertBilling(context);
  const [tier] = await db
    .select()
    .from(membershipTiers)
    .where(and(eq(membershipTiers.id, input.tierId), eq(membershipTiers.isActive, true)));
  if (!tier) throw new ValidationError({ tierId: ["Choose one of the tiers on offer."] });
  if (tier.isSubsidised)
    throw new ValidationError({ tierId: ["Subsidised tiers are applied for, not paid by card."] });
  const organization = context.organization;
  const live = await liveMemberships(db, organization.id);
  if (live.some((m) => !isUnpaidCheckout(m)))
    throw new ConflictError(
      "This organization already has a membership. Change its tier from the billing page instead.",
    );

  const actorId = context.actor.userId;
  const customerId = await ensureCustomer(db, organization, input.viewer, actorId);
  const productId = await productOfTier(db, tier);
  const retire = await retireUnpaidCheckouts(live, actorId, "replaced by a new checkout");
  const membership = await db.transaction(async (tx) => {
    await retire(tx);
    return createMembership(
      tx,
      {
        organizationId: organization.id,
        tierId: tier.id,
        method: "card",
        status: "pending",
        amountMinor: tier.priceMinor,
        currency: tier.currency,
        requestedById: actorId,
      },
      { by: "admin", actorId, reason: `card checkout for ${tier.name}` },
    );
  });
  const billingUrl = `${input.returnOrigin ?? env().appUrl}/orgs/${organization.slug}/billing`;
  const session = await createSubscriptionCheckout(db, {
    organizationId: organization.id,
    membershipId: membership.id,
    actorId,
    customerId,
    price: { productId, unitAmountMinor: tier.priceMinor, currency: tier.currency },
    clientReferenceId: membership.id,
    metadata: { purpose: "membership", membershipId: membership.id, organizationId: organization.id },
    successUrl: `${billingUrl}/confirm?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${billingUrl}?canceled=1`,
  });
  await db.transaction(async (tx) => {
    await updateMembershipDetails(tx, membership.id, { stripeCheckoutSessionId: session.id });
    await recordAudit(tx, {
      actorId,
      action: "membership.checkout_started",
      subjectType: "membership",
      subjectId: membership.id,
      organizationId: organization.id,
      details: { tier: tier.name, amountMinor: tier.priceMinor, currency: tier.currency },
    });
  });
  return session.url;
}

export async function membershipForCheckoutSession(db: Db, organizationId: string, sessionId: string) {
  const [row] = await db
    .select({ membership: memberships, tier: membershipTiers })
    .from(memberships)
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(
      and(eq(memberships.organizationId, organizationId), eq(memberships.stripeCheckoutSessionId, sessionId)),
    );
  if (!row) throw new NotFoundError("No payment of this organization matches that checkout.");
  return row;
}

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

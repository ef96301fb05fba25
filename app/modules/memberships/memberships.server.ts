import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import { memberships, membershipTiers } from "#db/schema";
import { env } from "~/lib/env.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import { closeCheckoutSession, createSubscriptionCheckout } from "~/modules/payments/checkout.server";
import { ensureCustomer } from "~/modules/payments/customers.server";
import { productOfTier } from "./tiers.server";
import { createMembership, lockMembership, moveMembership, updateMembershipDetails } from "./workflow";

// Joining and managing a membership (issue 3, items 7, 10, 11; issue 9, items 1.1–1.4):
// an organization's memberships and joining by card here, managing a running one from
// the billing page in billing.server.ts. The browser never changes a membership's
// state: Stripe's confirmations do (lifecycle.server.ts), through the transition table
// in workflow.ts.

export const LIVE_STATUSES = ["pending", "active", "past_due"] as const;
export type Membership = typeof memberships.$inferSelect;

/** Refuses unless the actor may manage the organization's billing (billing.server.ts too). */
export function assertBilling(context: OrganizationContext) {
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

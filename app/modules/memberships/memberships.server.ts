import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { billingProfiles, memberships, membershipTiers } from "#db/schema";
import { env } from "~/lib/env.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import { idempotencyKey, stripe } from "~/modules/payments/stripe.server";

// Joining and managing a membership (issue 3, items 7, 10, 11). The browser never
// changes a membership's state: Stripe's verified webhooks do (lifecycle.server.ts).

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
  return row ?? null;
}

/** One Stripe customer per organization, created once (the idempotency key is the org id). */
export async function ensureStripeCustomer(
  db: Db,
  context: OrganizationContext,
  contact: { email: string; name: string },
) {
  const [existing] = await db
    .select()
    .from(billingProfiles)
    .where(eq(billingProfiles.organizationId, context.organization.id));
  if (existing) return existing.stripeCustomerId;
  const customer = await stripe().customers.create(
    {
      name: context.organization.name,
      email: contact.email,
      metadata: { organizationId: context.organization.id, slug: context.organization.slug },
    },
    { idempotencyKey: idempotencyKey("customer", context.organization.id) },
  );
  await db
    .insert(billingProfiles)
    .values({
      organizationId: context.organization.id,
      stripeCustomerId: customer.id,
      billingEmail: contact.email,
      billingName: contact.name,
    })
    .onConflictDoNothing();
  const [profile] = await db
    .select()
    .from(billingProfiles)
    .where(eq(billingProfiles.organizationId, context.organization.id));
  return profile!.stripeCustomerId;
}

/**
 * Starts Stripe Checkout (subscription, yearly) for a tier and records a pending
 * membership; returns the hosted page's URL. An unpaid earlier attempt is replaced.
 */
export async function startCardCheckout(
  db: Db,
  context: OrganizationContext,
  input: { tierId: string; viewer: { email: string; name: string } },
) {
  assertBilling(context);
  const [tier] = await db
    .select()
    .from(membershipTiers)
    .where(and(eq(membershipTiers.id, input.tierId), eq(membershipTiers.isActive, true)));
  if (!tier) throw new ValidationError({ tierId: ["Choose one of the tiers on offer."] });
  if (tier.isSubsidised)
    throw new ValidationError({ tierId: ["Subsidised tiers are applied for, not paid by card."] });
  const live = await db
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, context.organization.id),
        inArray(memberships.status, [...LIVE_STATUSES]),
      ),
    );
  const blocking = live.find(
    (m) => !(m.status === "pending" && m.method === "card" && !m.stripeSubscriptionId),
  );
  if (blocking)
    throw new ConflictError(
      "This organization already has a membership. Change its tier from the billing page instead.",
    );

  const customerId = await ensureStripeCustomer(db, context, input.viewer);
  const appUrl = env().appUrl;
  const billingUrl = `${appUrl}/orgs/${context.organization.slug}/billing`;
  return db.transaction(async (tx) => {
    for (const stale of live) {
      await tx.delete(memberships).where(eq(memberships.id, stale.id));
      if (stale.stripeCheckoutSessionId) {
        await stripe()
          .checkout.sessions.expire(stale.stripeCheckoutSessionId)
          .catch(() => undefined);
      }
    }
    const [membership] = await tx
      .insert(memberships)
      .values({
        organizationId: context.organization.id,
        tierId: tier.id,
        method: "card",
        status: "pending",
        amountMinor: tier.priceMinor,
        currency: tier.currency,
        requestedById: context.actor.userId,
      })
      .returning();
    const session = await stripe().checkout.sessions.create(
      {
        mode: "subscription",
        customer: customerId,
        client_reference_id: membership!.id,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: tier.currency.toLowerCase(),
              unit_amount: tier.priceMinor,
              recurring: { interval: "year" },
              product_data: { name: `Commons membership: ${tier.name}` },
            },
          },
        ],
        subscription_data: {
          metadata: { membershipId: membership!.id, organizationId: context.organization.id },
        },
        metadata: { membershipId: membership!.id },
        success_url: `${billingUrl}/confirm?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${billingUrl}?canceled=1`,
      },
      { idempotencyKey: idempotencyKey("membership-checkout", membership!.id) },
    );
    await tx
      .update(memberships)
      .set({ stripeCheckoutSessionId: session.id })
      .where(eq(memberships.id, membership!.id));
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "membership.checkout_started",
      subjectType: "membership",
      subjectId: membership!.id,
      organizationId: context.organization.id,
      details: { tier: tier.name, amountMinor: tier.priceMinor, currency: tier.currency },
    });
    return session.url!;
  });
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
export async function openBillingPortal(db: Db, context: OrganizationContext) {
  assertBilling(context);
  const [profile] = await db
    .select()
    .from(billingProfiles)
    .where(eq(billingProfiles.organizationId, context.organization.id));
  if (!profile) throw new ConflictError("This organization has no card on file yet.");
  const portal = await stripe().billingPortal.sessions.create({
    customer: profile.stripeCustomerId,
    return_url: `${env().appUrl}/orgs/${context.organization.slug}/billing`,
  });
  return portal.url;
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

/** Cancel at period end (or undo it). Stripe's webhook then updates our row. */
export async function setCancelAtPeriodEnd(db: Db, context: OrganizationContext, cancel: boolean) {
  assertBilling(context);
  const { membership } = await liveCardMembership(db, context);
  await stripe().subscriptions.update(
    membership.stripeSubscriptionId!,
    { cancel_at_period_end: cancel },
    {
      idempotencyKey: idempotencyKey(
        "membership-cancel",
        membership.id,
        String(cancel),
        membership.updatedAt.getTime(),
      ),
    },
  );
  await recordAudit(db, {
    actorId: context.actor.userId,
    action: cancel ? "membership.cancel_requested" : "membership.cancel_withdrawn",
    subjectType: "membership",
    subjectId: membership.id,
    organizationId: context.organization.id,
  });
}

/** Moves a card membership to another tier from the next renewal (no proration). */
export async function changeTier(db: Db, context: OrganizationContext, tierId: string) {
  assertBilling(context);
  const { membership, tier: from } = await liveCardMembership(db, context);
  const [tier] = await db
    .select()
    .from(membershipTiers)
    .where(and(eq(membershipTiers.id, tierId), eq(membershipTiers.isActive, true)));
  if (!tier || tier.isSubsidised)
    throw new ValidationError({ tierId: ["Choose one of the paid tiers on offer."] });
  if (tier.id === from.id) return;
  await stripe().subscriptions.update(
    membership.stripeSubscriptionId!,
    {
      proration_behavior: "none",
      items: [
        {
          id: (await stripe().subscriptions.retrieve(membership.stripeSubscriptionId!)).items.data[0]!.id,
          price_data: {
            currency: tier.currency.toLowerCase(),
            unit_amount: tier.priceMinor,
            recurring: { interval: "year" },
            product: `commons-tier-${tier.id}`,
          },
        },
      ],
      metadata: { tierId: tier.id },
    },
    { idempotencyKey: idempotencyKey("membership-tier", membership.id, tier.id) },
  );
  await db.transaction(async (tx) => {
    await tx
      .update(memberships)
      .set({ tierId: tier.id, amountMinor: tier.priceMinor, currency: tier.currency, updatedAt: new Date() })
      .where(eq(memberships.id, membership.id));
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "membership.tier_changed",
      subjectType: "membership",
      subjectId: membership.id,
      organizationId: context.organization.id,
      details: { from: from.name, to: tier.name },
    });
  });
}

/** Invoices and receipts of the organization, as Stripe has them. */
export async function listBillingDocuments(db: Db, context: OrganizationContext) {
  assertBilling(context);
  const [profile] = await db
    .select()
    .from(billingProfiles)
    .where(eq(billingProfiles.organizationId, context.organization.id));
  if (!profile) return [];
  const invoices = await stripe().invoices.list({ customer: profile.stripeCustomerId, limit: 24 });
  return invoices.data
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

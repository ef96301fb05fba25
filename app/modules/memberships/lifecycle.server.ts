import { and, eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import type { Tx } from "#db/client.server";
import {
  type MembershipStatus,
  memberships,
  membershipTiers,
  organizationMembers,
  organizations,
  users,
} from "#db/schema";
import { MembershipActivated, membershipActivatedSubject } from "#emails/membership-activated";
import { MembershipPaymentFailed, membershipPaymentFailedSubject } from "#emails/membership-payment-failed";
import { env } from "~/lib/env.server";
import { InvalidTransitionError } from "~/lib/errors";
import { formatMoney } from "~/lib/money";
import { recordAudit } from "~/modules/audit/audit.server";
import { recordLedgerEntry } from "~/modules/ledger/ledger.server";
import { sendEmail } from "~/modules/notifications/email.server";
import type { AfterCommit } from "~/modules/payments/event-processing.server";
import { feeOfInvoice } from "~/modules/payments/fees.server";
import { stripe } from "~/modules/payments/stripe.server";

// The membership state machine (issue 3, item 10), driven by verified webhooks.
// Handlers re-read the subscription from Stripe, so events arriving late or out of
// order converge on Stripe's current state instead of replaying stale ones.

export const MEMBERSHIP_TRANSITIONS: Record<MembershipStatus, MembershipStatus[]> = {
  pending: ["active", "canceled", "expired"],
  active: ["past_due", "canceled", "expired"],
  past_due: ["active", "canceled", "expired"],
  canceled: [],
  expired: [],
};

export function canTransition(from: MembershipStatus, to: MembershipStatus) {
  return from === to || MEMBERSHIP_TRANSITIONS[from].includes(to);
}

type Row = typeof memberships.$inferSelect;

async function transition(
  tx: Tx,
  membership: Row,
  to: MembershipStatus,
  changes: Partial<Row>,
  reason: string,
) {
  if (!canTransition(membership.status, to)) {
    throw new InvalidTransitionError(`membership ${membership.id}: ${membership.status} → ${to}`);
  }
  const now = new Date();
  await tx
    .update(memberships)
    .set({
      ...changes,
      status: to,
      updatedAt: now,
      ...(to === "active" && !membership.activatedAt ? { activatedAt: now } : {}),
      ...((to === "canceled" || to === "expired") && !membership.endedAt ? { endedAt: now } : {}),
    })
    .where(eq(memberships.id, membership.id));
  if (to !== membership.status) {
    await recordAudit(tx, {
      actorId: null,
      action: `membership.${to}`,
      subjectType: "membership",
      subjectId: membership.id,
      organizationId: membership.organizationId,
      details: { from: membership.status, reason },
    });
  }
}

/** Stripe subscription status → ours. A subscription that ran out after "cancel at period end" expired. */
export function statusFromSubscription(subscription: Stripe.Subscription): MembershipStatus {
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
      return "pending";
  }
}

async function findMembership(tx: Tx, ids: { membershipId?: string | null; subscriptionId?: string | null }) {
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

/** Applies Stripe's current view of a subscription to the membership it pays for. */
async function syncSubscription(tx: Tx, subscriptionId: string, reason: string) {
  const subscription = await stripe().subscriptions.retrieve(subscriptionId);
  const membership = await findMembership(tx, {
    subscriptionId,
    membershipId: subscription.metadata.membershipId,
  });
  if (!membership) return null;
  const item = subscription.items.data[0];
  const target = statusFromSubscription(subscription);
  const next = target === "pending" ? membership.status : target;
  const changes: Partial<Row> = {
    stripeSubscriptionId: subscription.id,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    ...(item
      ? {
          currentPeriodStart: new Date(item.current_period_start * 1000),
          currentPeriodEnd: new Date(item.current_period_end * 1000),
        }
      : {}),
  };
  if (!canTransition(membership.status, next)) return membership; // already ended: nothing moves it back
  await transition(tx, membership, next, changes, reason);
  return { ...membership, ...changes, status: next };
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** A paid membership invoice (not a subscription's) starts a one-year period. */
async function activateInvoicedMembership(tx: Tx, invoice: Stripe.Invoice) {
  const membership = await findMembership(tx, { membershipId: invoice.metadata?.membershipId });
  if (!membership || membership.stripeInvoiceId !== invoice.id) return membership ?? null;
  if (membership.status !== "pending") return membership;
  const start = new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000);
  const changes = { currentPeriodStart: start, currentPeriodEnd: new Date(start.getTime() + YEAR_MS) };
  await transition(tx, membership, "active", changes, "invoice paid");
  return { ...membership, ...changes, status: "active" as const };
}

async function organizationEmails(tx: Tx, organizationId: string) {
  const rows = await tx
    .select({ email: users.email, name: organizations.name, slug: organizations.slug })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(
      and(
        eq(organizationMembers.organizationId, organizationId),
        inArray(organizationMembers.role, ["owner", "admin"]),
      ),
    );
  return {
    recipients: rows.map((r) => r.email),
    organizationName: rows[0]?.name ?? "",
    slug: rows[0]?.slug ?? "",
  };
}

function subscriptionOfInvoice(invoice: Stripe.Invoice) {
  const ref = invoice.parent?.subscription_details?.subscription;
  return typeof ref === "string" ? ref : (ref?.id ?? null);
}

async function onInvoicePaid(tx: Tx, invoice: Stripe.Invoice, afterCommit: AfterCommit) {
  const subscriptionId = subscriptionOfInvoice(invoice);
  const membership = subscriptionId
    ? await syncSubscription(tx, subscriptionId, "invoice paid")
    : await activateInvoicedMembership(tx, invoice);
  if (!membership) return;
  const recorded = await recordLedgerEntry(tx, {
    kind: "membership_payment",
    amountMinor: invoice.amount_paid,
    currency: invoice.currency,
    organizationId: membership.organizationId,
    subjectType: "membership",
    subjectId: membership.id,
    processorObjectId: invoice.id!,
    occurredAt: new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000),
    description: `Membership invoice ${invoice.number ?? invoice.id}`,
  });
  if (!recorded) return; // the same payment seen again: no second email either
  const fee = await feeOfInvoice(invoice.id!);
  if (fee) {
    await recordLedgerEntry(tx, {
      kind: "processor_fee",
      amountMinor: -fee.feeMinor,
      currency: fee.currency,
      organizationId: membership.organizationId,
      subjectType: "membership",
      subjectId: membership.id,
      processorObjectId: fee.balanceTransactionId,
      occurredAt: fee.occurredAt,
      description: `Stripe fee on invoice ${invoice.number ?? invoice.id}`,
    });
  }
  const [tier] = await tx.select().from(membershipTiers).where(eq(membershipTiers.id, membership.tierId));
  const contacts = await organizationEmails(tx, membership.organizationId);
  const appUrl = env().appUrl;
  const periodEnd = membership.currentPeriodEnd ? membership.currentPeriodEnd.toISOString().slice(0, 10) : "";
  afterCommit(async (db) => {
    for (const to of contacts.recipients) {
      await sendEmail(db, {
        to,
        subject: membershipActivatedSubject(contacts.organizationName),
        template: "membership-activated",
        body: MembershipActivated({
          appUrl,
          organizationName: contacts.organizationName,
          tierName: tier?.name ?? "",
          amount: formatMoney({ amountMinor: invoice.amount_paid, currency: invoice.currency.toUpperCase() }),
          periodEnd,
          receiptNumber: invoice.number,
          paidBy: subscriptionId ? "card" : "invoice",
          billingUrl: `${appUrl}/orgs/${contacts.slug}/billing`,
        }),
      });
    }
  });
}

async function onInvoicePaymentFailed(tx: Tx, invoice: Stripe.Invoice, afterCommit: AfterCommit) {
  const subscriptionId = subscriptionOfInvoice(invoice);
  if (!subscriptionId) return;
  const membership = await syncSubscription(tx, subscriptionId, "renewal payment failed");
  if (!membership) return;
  // Out of order: a later retry may already have paid this invoice.
  const current = await stripe().invoices.retrieve(invoice.id!);
  if (current.status === "paid") return;
  const contacts = await organizationEmails(tx, membership.organizationId);
  const appUrl = env().appUrl;
  afterCommit(async (db) => {
    for (const to of contacts.recipients) {
      await sendEmail(db, {
        to,
        subject: membershipPaymentFailedSubject(contacts.organizationName),
        template: "membership-payment-failed",
        body: MembershipPaymentFailed({
          appUrl,
          organizationName: contacts.organizationName,
          amount: formatMoney({ amountMinor: invoice.amount_due, currency: invoice.currency.toUpperCase() }),
          billingUrl: `${appUrl}/orgs/${contacts.slug}/billing`,
        }),
      });
    }
  });
}

/** The memberships module's part in processing a Stripe event. */
export async function handleMembershipEvent(tx: Tx, event: Stripe.Event, afterCommit: AfterCommit) {
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      if (session.mode === "subscription" && typeof session.subscription === "string") {
        await syncSubscription(tx, session.subscription, "checkout completed");
      }
      return;
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      await syncSubscription(tx, event.data.object.id, event.type);
      return;
    case "invoice.paid":
      await onInvoicePaid(tx, event.data.object, afterCommit);
      return;
    case "invoice.payment_failed":
      await onInvoicePaymentFailed(tx, event.data.object, afterCommit);
      return;
    default:
      return;
  }
}

import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import {
  type MembershipStatus,
  memberships,
  membershipTiers,
  organizationMembers,
  organizations,
  paymentExceptions,
  users,
} from "#db/schema";
import { MembershipActivated, membershipActivatedSubject } from "#emails/membership-activated";
import { MembershipPaymentFailed, membershipPaymentFailedSubject } from "#emails/membership-payment-failed";
import { env } from "~/lib/env.server";
import { formatMoney } from "~/lib/money";
import { recordMembershipPayment, recordProcessorFee } from "~/modules/ledger/ledger.server";
import { sendEmail } from "~/modules/notifications/email.server";
import { type StripeEventHandlers, stripeHandler } from "~/modules/payments/event-processing.server";
import {
  type InvoiceSettlement,
  retrieveInvoice,
  settlementOfInvoice,
} from "~/modules/payments/invoices.server";
import type { StripeEvent, StripeInvoice, StripeSubscription } from "~/modules/payments/stripe.server";
import { idOf } from "~/modules/payments/stripe.server";
import { retrieveSubscription } from "~/modules/payments/subscriptions.server";
import { recordScheduledTier } from "./memberships.server";
import { recordReceipt } from "./receipts.server";
import { tierOfProduct } from "./tiers.server";
import { canMoveMembership, moveMembership, updateMembershipDetails } from "./workflow";

// What Stripe's webhooks mean for memberships (issue 3, item 10; issue 9). Every
// handler reads Stripe's current state first, outside any transaction, so events
// arriving late, twice or out of order converge on what Stripe holds; the payload
// itself is never trusted for money. A membership becomes active only from a paid
// invoice whose amount and currency are what Commons asked for.

type Row = typeof memberships.$inferSelect;

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

function periodOf(subscription: StripeSubscription) {
  const item = subscription.items.data[0];
  return item
    ? {
        currentPeriodStart: new Date(item.current_period_start * 1000),
        currentPeriodEnd: new Date(item.current_period_end * 1000),
      }
    : {};
}

type LoadedSubscription = { subscription: StripeSubscription; readAt: Date };

async function loadSubscription(id: string): Promise<LoadedSubscription> {
  const readAt = new Date();
  return { subscription: await retrieveSubscription(id), readAt };
}

/**
 * Applies Stripe's view of a subscription. A read older than one already applied is
 * ignored (two workers may read in one order and write in the other). A pending
 * membership is not activated here: only its verified paid invoice does that.
 */
async function syncSubscription(tx: Tx, loaded: LoadedSubscription, reason: string) {
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
  let row: Row;
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

async function organizationContacts(tx: Tx, organizationId: string) {
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

function subscriptionOfInvoice(invoice: StripeInvoice) {
  return idOf(invoice.parent?.subscription_details?.subscription);
}

type LoadedInvoice = {
  invoice: StripeInvoice;
  subscription: LoadedSubscription | null;
  settlement: InvoiceSettlement;
};

/** Stripe's current invoice (never the payload's), its subscription and how it was settled. */
async function loadInvoice(event: StripeEvent): Promise<LoadedInvoice> {
  const invoice = await retrieveInvoice((event.data.object as StripeInvoice).id!);
  const subscriptionId = subscriptionOfInvoice(invoice);
  return {
    invoice,
    subscription: subscriptionId ? await loadSubscription(subscriptionId) : null,
    settlement:
      invoice.status === "paid"
        ? await settlementOfInvoice(invoice.id!)
        : { paymentIntentId: null, fee: null },
  };
}

/** What Commons asked this invoice to be: the first payment, a renewal (maybe at a new tier), or an invoice we sent. */
function expectedAmount(membership: Row, invoice: StripeInvoice) {
  const renewal = invoice.billing_reason === "subscription_cycle";
  return {
    amountMinor: renewal ? (membership.nextAmountMinor ?? membership.amountMinor) : membership.amountMinor,
    currency: membership.currency,
  };
}

async function recordException(tx: Tx, input: typeof paymentExceptions.$inferInsert) {
  await tx.insert(paymentExceptions).values(input).onConflictDoNothing();
}

async function onInvoicePaid(tx: Tx, event: StripeEvent, loaded: LoadedInvoice) {
  const { invoice, subscription } = loaded;
  const subscriptionId = subscriptionOfInvoice(invoice);
  const membership = await findMembership(tx, {
    subscriptionId,
    membershipId: invoice.metadata?.membershipId ?? subscription?.subscription.metadata.membershipId,
  });
  if (!membership) return;
  if (!subscriptionId && membership.stripeInvoiceId !== invoice.id) return;
  const expected = expectedAmount(membership, invoice);
  if (invoice.status !== "paid") {
    await recordException(tx, {
      kind: "not_paid",
      processorObjectId: invoice.id!,
      stripeEventId: event.id,
      membershipId: membership.id,
      problem: `An invoice.paid event arrived, but Stripe says the invoice is ${invoice.status}; nothing was activated.`,
      expectedMinor: expected.amountMinor,
      actualMinor: invoice.amount_paid,
      currency: invoice.currency.toUpperCase(),
    });
    return;
  }
  if (invoice.amount_paid !== expected.amountMinor || invoice.currency.toUpperCase() !== expected.currency) {
    await recordException(tx, {
      kind: "amount_mismatch",
      processorObjectId: invoice.id!,
      stripeEventId: event.id,
      membershipId: membership.id,
      problem: `Paid ${invoice.amount_paid} ${invoice.currency.toUpperCase()} where Commons asked for ${expected.amountMinor} ${expected.currency}; the membership was not changed.`,
      expectedMinor: expected.amountMinor,
      actualMinor: invoice.amount_paid,
      currency: invoice.currency.toUpperCase(),
    });
    return;
  }

  const paidAt = new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000);
  const recorded = await recordMembershipPayment(tx, {
    invoiceId: invoice.id!,
    amountMinor: invoice.amount_paid,
    currency: invoice.currency,
    organizationId: membership.organizationId,
    membershipId: membership.id,
    occurredAt: paidAt,
    description: `Membership invoice ${invoice.number ?? invoice.id}`,
  });
  if (!recorded) return; // the same payment seen again: nothing more to do
  const fee = loaded.settlement.fee;
  if (fee) {
    await recordProcessorFee(tx, {
      balanceTransactionId: fee.balanceTransactionId,
      feeMinor: fee.feeMinor,
      currency: fee.currency,
      organizationId: membership.organizationId,
      membershipId: membership.id,
      occurredAt: fee.occurredAt,
      description: `Stripe fee on invoice ${invoice.number ?? invoice.id}`,
    });
  }

  // The tier this payment bought: the product on its line (a scheduled change takes effect now).
  const productId = invoice.lines.data[0]?.pricing?.price_details?.product ?? null;
  const paidTier = productId ? await tierOfProduct(tx, productId) : null;
  const period = subscription
    ? periodOf(subscription.subscription)
    : { currentPeriodStart: paidAt, currentPeriodEnd: new Date(paidAt.getTime() + 365 * 86_400_000) };
  const details = {
    ...period,
    ...(paidTier ? { tierId: paidTier.id } : {}),
    amountMinor: invoice.amount_paid,
    ...(subscriptionId ? { stripeSubscriptionId: subscriptionId } : {}),
  };
  const wasPending = membership.status === "pending";
  let row =
    membership.status === "active"
      ? await updateMembershipDetails(tx, membership.id, details)
      : canMoveMembership(membership.status, "active", "stripe")
        ? await moveMembership(
            tx,
            membership,
            "active",
            { by: "stripe", actorId: null, reason: `invoice ${invoice.number ?? invoice.id} paid` },
            details,
          )
        : membership;
  if (subscription) row = await recordScheduledTier(tx, row, subscription.subscription);

  const [tier] = await tx.select().from(membershipTiers).where(eq(membershipTiers.id, row.tierId));
  const contacts = await organizationContacts(tx, membership.organizationId);
  const appUrl = env().appUrl;
  await recordReceipt(tx, {
    membership: row,
    invoice,
    paymentIntentId: loaded.settlement.paymentIntentId,
    contacts,
    tierName: tier?.name ?? "",
  });
  if (wasPending && row.status === "active") {
    for (const to of contacts.recipients) {
      await sendEmail(tx, {
        to,
        subject: membershipActivatedSubject(contacts.organizationName),
        template: "membership-activated",
        body: MembershipActivated({
          appUrl,
          organizationName: contacts.organizationName,
          tierName: tier?.name ?? "",
          periodEnd: row.currentPeriodEnd ? row.currentPeriodEnd.toISOString().slice(0, 10) : "",
          paidBy: subscriptionId ? "card" : "invoice",
          billingUrl: `${appUrl}/orgs/${contacts.slug}/billing`,
        }),
      });
    }
  }
}

async function onInvoicePaymentFailed(tx: Tx, loaded: LoadedInvoice) {
  const { invoice, subscription } = loaded;
  if (!subscription) return;
  const membership = await syncSubscription(tx, subscription, "renewal payment failed");
  // Out of order: a later retry may already have paid this invoice.
  if (!membership || invoice.status === "paid" || membership.status === "pending") return;
  const contacts = await organizationContacts(tx, membership.organizationId);
  const appUrl = env().appUrl;
  for (const to of contacts.recipients) {
    await sendEmail(tx, {
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
}

const subscriptionEvent = stripeHandler<LoadedSubscription>({
  load: (event) => loadSubscription((event.data.object as StripeSubscription).id),
  apply: async (tx, event, loaded) => void (await syncSubscription(tx, loaded, event.type)),
});

/** The memberships module's Stripe events, routed here for objects whose purpose is "membership". */
export const membershipStripeHandlers: StripeEventHandlers = {
  "checkout.session.completed": stripeHandler<LoadedSubscription | null>({
    load: async (event) => {
      const session = event.data.object as { mode: string; subscription: string | { id: string } | null };
      const id = session.mode === "subscription" ? idOf(session.subscription) : null;
      return id ? loadSubscription(id) : null;
    },
    apply: async (tx, _event, loaded) =>
      void (loaded && (await syncSubscription(tx, loaded, "checkout completed"))),
  }),
  "customer.subscription.created": subscriptionEvent,
  "customer.subscription.updated": subscriptionEvent,
  "customer.subscription.deleted": subscriptionEvent,
  "invoice.paid": stripeHandler<LoadedInvoice>({ load: loadInvoice, apply: onInvoicePaid }),
  "invoice.payment_failed": stripeHandler<LoadedInvoice>({
    load: loadInvoice,
    apply: (tx, _event, loaded) => onInvoicePaymentFailed(tx, loaded),
  }),
};

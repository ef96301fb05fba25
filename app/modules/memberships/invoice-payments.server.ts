import { eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { membershipTiers, paymentExceptions } from "#db/schema";
import { MembershipActivated, membershipActivatedSubject } from "#emails/membership-activated";
import { MembershipPaymentFailed, membershipPaymentFailedSubject } from "#emails/membership-payment-failed";
import { env } from "~/lib/env.server";
import { formatMoney } from "~/lib/money";
import { recordMembershipPayment, recordProcessorFee } from "~/modules/ledger/movements.server";
import { sendEmail } from "~/modules/notifications/email.server";
import {
  type InvoiceSettlement,
  retrieveInvoice,
  settlementOfInvoice,
} from "~/modules/payments/invoices.server";
import type { StripeEvent, StripeInvoice } from "~/modules/payments/stripe.server";
import { recordScheduledTier } from "./billing.server";
import {
  findMembership,
  type LoadedSubscription,
  loadSubscription,
  type MembershipRow,
  organizationContacts,
  periodOf,
  subscriptionOfInvoice,
  syncSubscription,
} from "./lifecycle.server";
import { recordReceipt } from "./receipts.server";
import { tierOfProduct } from "./tiers.server";
import { canMoveMembership, moveMembership, updateMembershipDetails } from "./workflow";

// Paid and failed invoices (issue 9, items 1.5 and 1.6): the payload is never trusted
// for money. A membership becomes active, or renews, only from Stripe's own copy of a
// paid invoice at the amount and currency Commons asked for; the payment and its fee
// go to the ledger, a receipt is written and emailed, and activation is announced once.

export type LoadedInvoice = {
  invoice: StripeInvoice;
  subscription: LoadedSubscription | null;
  settlement: InvoiceSettlement;
};

/** Stripe's current invoice (never the payload's), its subscription and how it was settled. */
export async function loadInvoice(event: StripeEvent): Promise<LoadedInvoice> {
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
function expectedAmount(membership: MembershipRow, invoice: StripeInvoice) {
  const renewal = invoice.billing_reason === "subscription_cycle";
  return {
    amountMinor: renewal ? (membership.nextAmountMinor ?? membership.amountMinor) : membership.amountMinor,
    currency: membership.currency,
  };
}

async function recordException(tx: Tx, input: typeof paymentExceptions.$inferInsert) {
  await tx.insert(paymentExceptions).values(input).onConflictDoNothing();
}

export async function onInvoicePaid(tx: Tx, event: StripeEvent, loaded: LoadedInvoice) {
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

export async function onInvoicePaymentFailed(tx: Tx, loaded: LoadedInvoice) {
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

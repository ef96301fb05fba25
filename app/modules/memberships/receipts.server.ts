import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import { type memberships, type ReceiptAddress, receipts } from "#db/schema";
import { ReceiptEmail, receiptSubject } from "#emails/receipt";
import { env } from "~/lib/env.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors";
import { formatMoney } from "~/lib/money";
import { sendEmail } from "~/modules/notifications/email.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import type { StripeInvoice } from "~/modules/payments/stripe.server";

// Receipts (issue 9, item 1.6): one per paid invoice, written when Stripe confirms
// the payment, from Stripe's own copy of the invoice; emailed to the organization's
// admins and kept as a page they can print.

type Contacts = { recipients: string[]; organizationName: string; slug: string };

function customField(invoice: StripeInvoice, name: string) {
  return invoice.custom_fields?.find((f) => f.name.toLowerCase() === name.toLowerCase())?.value ?? null;
}

function addressOf(invoice: StripeInvoice): ReceiptAddress | null {
  const a = invoice.customer_address;
  if (!a) return null;
  return {
    line1: a.line1 ?? null,
    line2: a.line2 ?? null,
    city: a.city ?? null,
    postalCode: a.postal_code ?? null,
    state: a.state ?? null,
    country: a.country ?? null,
  };
}

export async function recordReceipt(
  tx: Tx,
  input: {
    membership: typeof memberships.$inferSelect;
    invoice: StripeInvoice;
    paymentIntentId: string | null;
    contacts: Contacts;
    tierName: string;
  },
) {
  const { invoice, membership, contacts } = input;
  const currency = invoice.currency.toUpperCase();
  const [receipt] = await tx
    .insert(receipts)
    .values({
      organizationId: membership.organizationId,
      membershipId: membership.id,
      stripeInvoiceId: invoice.id!,
      number: invoice.number ?? invoice.id!,
      paidAt: new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000),
      payerName: invoice.customer_name ?? contacts.organizationName,
      payerEmail: invoice.customer_email ?? null,
      billingAddress: addressOf(invoice),
      taxId: invoice.customer_tax_ids?.[0]?.value ?? customField(invoice, "Tax ID"),
      poNumber: customField(invoice, "PO number") ?? membership.poNumber,
      lines: invoice.lines.data.map((line) => ({
        description: line.description ?? `Commons membership: ${input.tierName}`,
        quantity: line.quantity ?? 1,
        amountMinor: line.amount,
      })),
      amountMinor: invoice.amount_paid,
      currency,
      processorReference: input.paymentIntentId ?? invoice.id!,
    })
    .onConflictDoNothing({ target: receipts.stripeInvoiceId })
    .returning();
  if (!receipt) return null; // already written: no second email
  const appUrl = env().appUrl;
  for (const to of contacts.recipients) {
    await sendReceiptEmail(tx, to, {
      appUrl,
      organizationName: contacts.organizationName,
      receipt,
      receiptUrl: `${appUrl}/orgs/${contacts.slug}/billing/receipts/${receipt.id}`,
    });
  }
  return receipt;
}

async function sendReceiptEmail(
  tx: Tx,
  to: string,
  input: {
    appUrl: string;
    organizationName: string;
    receipt: typeof receipts.$inferSelect;
    receiptUrl: string;
  },
) {
  const { receipt } = input;
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: receipt.currency });
  await sendEmail(tx, {
    to,
    subject: receiptSubject(input.organizationName, receipt.number),
    template: "receipt",
    body: ReceiptEmail({
      appUrl: input.appUrl,
      organizationName: input.organizationName,
      number: receipt.number,
      paidOn: receipt.paidAt.toISOString().slice(0, 10),
      amount: money(receipt.amountMinor),
      lines: receipt.lines.map((l) => ({ description: l.description, amount: money(l.amountMinor) })),
      poNumber: receipt.poNumber,
      receiptUrl: input.receiptUrl,
    }),
  });
}

function assertBilling(context: OrganizationContext) {
  if (!can(context.actor, "manage-billing"))
    throw new ForbiddenError("Only organization admins can see receipts.");
}

export function listReceipts(db: Db, context: OrganizationContext) {
  assertBilling(context);
  return db
    .select()
    .from(receipts)
    .where(eq(receipts.organizationId, context.organization.id))
    .orderBy(desc(receipts.paidAt))
    .limit(100);
}

export async function getReceipt(db: Db, context: OrganizationContext, receiptId: string) {
  assertBilling(context);
  const [receipt] = await db
    .select()
    .from(receipts)
    .where(and(eq(receipts.id, receiptId), eq(receipts.organizationId, context.organization.id)));
  if (!receipt) throw new NotFoundError("No such receipt for this organization.");
  return receipt;
}

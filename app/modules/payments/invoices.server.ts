import type { Db } from "#db/client.server";
import { type AttemptSubject, attemptStripe } from "./attempts.server";
import { idOf, stripe } from "./stripe.server";

// Invoices (issue 9, section 2): sending one (net N days), reading one back, listing
// an organization's, and the processor fee of a paid one.

export type InvoiceRequest = AttemptSubject & {
  customerId: string;
  daysUntilDue: number;
  metadata: Record<string, string>;
  customFields: { name: string; value: string }[];
  line: { productId: string; unitAmountMinor: number; currency: string; description: string };
};

const subjectOf = (input: AttemptSubject) => ({
  organizationId: input.organizationId,
  membershipId: input.membershipId,
  pledgeId: input.pledgeId,
  actorId: input.actorId,
});

/**
 * Sends an invoice (net N days). When `resumeKey` names a metadata field (e.g.
 * pledgeId), an invoice already created for it at Stripe (a crash after the create,
 * before the caller recorded it) is finished and returned instead of a second one.
 */
export async function sendInvoice(db: Db, input: InvoiceRequest, resumeKey?: string) {
  const subject = subjectOf(input);
  const earlier = resumeKey
    ? (await listCustomerInvoices(input.customerId, 100)).find(
        (i) => i.metadata?.[resumeKey] === input.metadata[resumeKey] && i.status !== "void",
      )
    : undefined;
  const draft =
    earlier ??
    (await attemptStripe(
      db,
      {
        ...subject,
        operation: "invoice.create",
        request: {
          customer: input.customerId,
          collection_method: "send_invoice" as const,
          days_until_due: input.daysUntilDue,
          auto_advance: false,
          currency: input.line.currency.toLowerCase(),
          metadata: input.metadata,
          ...(input.customFields.length ? { custom_fields: input.customFields } : {}),
        },
      },
      (params, options) => stripe().invoices.create(params, options),
    ));
  if (draft.status !== "draft") return draft;
  if (!earlier || earlier.total === 0)
    await attemptStripe(
      db,
      {
        ...subject,
        operation: "invoice.add-item",
        request: {
          customer: input.customerId,
          invoice: draft.id!,
          description: input.line.description,
          price_data: {
            currency: input.line.currency.toLowerCase(),
            product: input.line.productId,
            unit_amount: input.line.unitAmountMinor,
          },
        },
      },
      (params, options) => stripe().invoiceItems.create(params, options),
    );
  const finalized = await attemptStripe(
    db,
    { ...subject, operation: "invoice.finalize", request: {} },
    (params, options) => stripe().invoices.finalizeInvoice(draft.id!, params, options),
  );
  await attemptStripe(db, { ...subject, operation: "invoice.send", request: {} }, (params, options) =>
    stripe().invoices.sendInvoice(finalized.id!, params, options),
  );
  return finalized;
}

export function retrieveInvoice(invoiceId: string) {
  return stripe().invoices.retrieve(invoiceId);
}

export async function listCustomerInvoices(customerId: string, limit = 24) {
  return (await stripe().invoices.list({ customer: customerId, limit })).data;
}

export type ProcessorFee = {
  balanceTransactionId: string;
  feeMinor: number;
  currency: string;
  occurredAt: Date;
};

export type InvoiceSettlement = { paymentIntentId: string | null; fee: ProcessorFee | null };

/**
 * How a paid invoice was settled: invoice payment → payment intent → charge →
 * balance transaction, for the processor reference and what Stripe kept as a fee.
 * Invoices paid out of band have neither.
 */
export async function settlementOfInvoice(invoiceId: string): Promise<InvoiceSettlement> {
  const payments = await stripe().invoicePayments.list({ invoice: invoiceId, limit: 10 });
  const paid = payments.data.find((p) => p.status === "paid" && p.payment.type === "payment_intent");
  const paymentIntentId = idOf(paid?.payment.payment_intent);
  if (!paymentIntentId) return { paymentIntentId: null, fee: null };
  const intent = await stripe().paymentIntents.retrieve(paymentIntentId, {
    expand: ["latest_charge.balance_transaction"],
  });
  const charge = intent.latest_charge;
  const txn = charge && typeof charge !== "string" ? charge.balance_transaction : null;
  if (!txn || typeof txn === "string" || txn.fee === 0) return { paymentIntentId, fee: null };
  return {
    paymentIntentId,
    fee: {
      balanceTransactionId: txn.id,
      feeMinor: txn.fee,
      currency: txn.currency,
      occurredAt: new Date(txn.created * 1000),
    },
  };
}

export async function retrieveBalanceTransaction(id: string) {
  return stripe().balanceTransactions.retrieve(id);
}

export function paidInvoicesSince(since: Date) {
  return stripe().invoices.list({
    status: "paid",
    created: { gte: Math.floor(since.getTime() / 1000) },
    limit: 100,
  });
}

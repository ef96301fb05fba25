import { stripe } from "./stripe.server";

// What Stripe kept from a paid invoice: invoice payment → payment intent → charge
// → balance transaction. Invoices paid out of band have no fee.

export type ProcessorFee = {
  balanceTransactionId: string;
  feeMinor: number;
  currency: string;
  occurredAt: Date;
};

export async function feeOfInvoice(invoiceId: string): Promise<ProcessorFee | null> {
  const payments = await stripe().invoicePayments.list({ invoice: invoiceId, limit: 10 });
  const paid = payments.data.find((p) => p.status === "paid" && p.payment.type === "payment_intent");
  const intentRef = paid?.payment.payment_intent;
  if (!intentRef) return null;
  const intent = await stripe().paymentIntents.retrieve(
    typeof intentRef === "string" ? intentRef : intentRef.id,
  );
  const chargeRef = intent.latest_charge;
  if (!chargeRef) return null;
  const charge = await stripe().charges.retrieve(typeof chargeRef === "string" ? chargeRef : chargeRef.id);
  const txnRef = charge.balance_transaction;
  if (!txnRef) return null;
  const txn = await stripe().balanceTransactions.retrieve(typeof txnRef === "string" ? txnRef : txnRef.id);
  if (txn.fee === 0) return null;
  return {
    balanceTransactionId: txn.id,
    feeMinor: txn.fee,
    currency: txn.currency,
    occurredAt: new Date(txn.created * 1000),
  };
}

import { eq } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { initiatives, paymentExceptions, type pledges, receipts } from "#db/schema";
import { recordPledgePayment, recordProcessorFee } from "~/modules/ledger/movements.server";
import { organizationContacts } from "~/modules/organizations/organizations.server";
import { notifyPledge } from "./notices.server";
import { movePledge } from "./workflow";

// A pledge paid, as Stripe confirmed it (a PaymentIntent or an invoice; issue 10,
// section 2): the pledge moves to paid, the payment and Stripe's fee are ledger groups,
// a receipt is written and emailed. A payment of another amount is a payment
// exception instead; a pledge already paid changes nothing.

type Pledge = typeof pledges.$inferSelect;

/** Records a confirmed payment of a pledge (called under the pledge's lock). */
export async function recordPledgePaid(
  tx: Tx,
  pledge: Pledge,
  paid: {
    objectId: string;
    amountMinor: number;
    currency: string;
    at: Date;
    fee: { id: string; feeMinor: number; currency: string } | null;
    paymentIntentId: string | null;
  },
  eventId: string,
) {
  if (paid.amountMinor !== pledge.amountMinor || paid.currency !== pledge.currency) {
    await tx
      .insert(paymentExceptions)
      .values({
        kind: "amount_mismatch",
        processorObjectId: paid.objectId,
        stripeEventId: eventId,
        pledgeId: pledge.id,
        problem: `Pledge of ${pledge.amountMinor} ${pledge.currency} was paid ${paid.amountMinor} ${paid.currency}.`,
        expectedMinor: pledge.amountMinor,
        actualMinor: paid.amountMinor,
        currency: paid.currency,
      })
      .onConflictDoNothing();
    return;
  }
  if (pledge.status !== "collecting" && pledge.status !== "failed") return; // already paid, or never collected
  const [initiative] = await tx.select().from(initiatives).where(eq(initiatives.id, pledge.initiativeId));
  await movePledge(
    tx,
    pledge,
    "paid",
    { by: "stripe", actorId: null, reason: `paid through ${paid.objectId}` },
    {
      paidAt: paid.at,
      collectedMinor: paid.amountMinor,
      feeMinor: paid.fee?.feeMinor ?? null,
      recovery: null,
      nextRetryAt: null,
      paymentIntentId: paid.paymentIntentId ?? pledge.paymentIntentId,
    },
  );
  const description = `Pledge to ${initiative!.title}`;
  await recordPledgePayment(tx, {
    processorObjectId: paid.objectId,
    amountMinor: paid.amountMinor,
    currency: paid.currency,
    organizationId: pledge.organizationId,
    initiativeId: pledge.initiativeId,
    pledgeId: pledge.id,
    occurredAt: paid.at,
    description,
  });
  if (paid.fee)
    await recordProcessorFee(tx, {
      balanceTransactionId: paid.fee.id,
      feeMinor: paid.fee.feeMinor,
      currency: paid.fee.currency,
      organizationId: pledge.organizationId,
      membershipId: null,
      pledgeId: pledge.id,
      initiativeId: pledge.initiativeId,
      occurredAt: paid.at,
      description: `Processor fee on a pledge to ${initiative!.title}`,
    });
  const contacts = await organizationContacts(tx, pledge.organizationId);
  const contact = pledge.invoiceContact;
  await tx
    .insert(receipts)
    .values({
      organizationId: pledge.organizationId,
      pledgeId: pledge.id,
      stripeInvoiceId: paid.objectId,
      number: `P-${paid.objectId.slice(-10).toUpperCase()}`,
      paidAt: paid.at,
      payerName: contact?.name || contacts.organizationName,
      payerEmail: contact?.email || contacts.recipients[0] || null,
      billingAddress: contact
        ? {
            line1: contact.addressLine1,
            line2: null,
            city: contact.city,
            postalCode: contact.postalCode,
            state: null,
            country: contact.country,
          }
        : null,
      taxId: contact?.taxId || null,
      poNumber: contact?.poNumber || null,
      lines: [{ description, quantity: 1, amountMinor: paid.amountMinor }],
      amountMinor: paid.amountMinor,
      currency: paid.currency,
      processorReference: paid.paymentIntentId ?? paid.objectId,
    })
    .onConflictDoNothing({ target: receipts.stripeInvoiceId });
  await notifyPledge(tx, { kind: "charged", pledgeId: pledge.id });
}

import type { Tx } from "#db/client.server";
import { type AccountRef, postLedgerGroup } from "./ledger.server";

// The movements of money Commons records (ADR 0012), each one balanced group posted
// through postLedgerGroup with an idempotency key of its own: membership and pledge
// payments, processor fees, transfers to the matching pool, matches and refunds.

/**
 * An organization paying `amountMinor` into `to` through the Stripe balance: it is
 * charged (organization → `to`) and pays (Stripe balance ← organization). A negative
 * amount is the same movement backwards: a refund.
 */
function paidThroughStripe(organizationId: string, to: AccountRef, amountMinor: number, currency: string) {
  const organization = { kind: "organization" as const, organizationId };
  return [
    { account: organization, amountMinor, currency },
    { account: to, amountMinor: -amountMinor, currency },
    { account: { kind: "stripe_balance" as const }, amountMinor, currency },
    { account: organization, amountMinor: -amountMinor, currency },
  ];
}

/** A membership invoice paid: the organization is charged the dues and pays them into the Stripe balance. */
export function recordMembershipPayment(
  tx: Tx,
  input: {
    invoiceId: string;
    amountMinor: number;
    currency: string;
    organizationId: string;
    membershipId: string;
    occurredAt: Date;
    description: string;
  },
) {
  return postLedgerGroup(tx, {
    kind: "membership_payment",
    idempotencyKey: `membership-payment:${input.invoiceId}`,
    processorObjectId: input.invoiceId,
    organizationId: input.organizationId,
    membershipId: input.membershipId,
    occurredAt: input.occurredAt,
    description: input.description,
    entries: paidThroughStripe(
      input.organizationId,
      { kind: "network_dues" },
      input.amountMinor,
      input.currency,
    ),
  });
}

/** What Stripe kept of a payment: an expense paid out of the Stripe balance. */
export function recordProcessorFee(
  tx: Tx,
  input: {
    balanceTransactionId: string;
    feeMinor: number;
    currency: string;
    organizationId: string | null;
    membershipId: string | null;
    pledgeId?: string | null;
    initiativeId?: string | null;
    occurredAt: Date;
    description: string;
  },
) {
  return postLedgerGroup(tx, {
    kind: "processor_fee",
    pledgeId: input.pledgeId ?? null,
    initiativeId: input.initiativeId ?? null,
    idempotencyKey: `processor-fee:${input.balanceTransactionId}`,
    processorObjectId: input.balanceTransactionId,
    organizationId: input.organizationId,
    membershipId: input.membershipId,
    occurredAt: input.occurredAt,
    description: input.description,
    entries: [
      { account: { kind: "processor_fees" }, amountMinor: input.feeMinor, currency: input.currency },
      { account: { kind: "stripe_balance" }, amountMinor: -input.feeMinor, currency: input.currency },
    ],
  });
}

/**
 * A pledge collected (issue 10, section 2): the organization pays the pledge into the
 * initiative's funds, through the Stripe balance. Keyed by the PaymentIntent or invoice.
 */
export function recordPledgePayment(
  tx: Tx,
  input: {
    processorObjectId: string;
    amountMinor: number;
    currency: string;
    organizationId: string;
    initiativeId: string;
    pledgeId: string;
    occurredAt: Date;
    description: string;
  },
) {
  return postLedgerGroup(tx, {
    kind: "pledge_payment",
    idempotencyKey: `pledge-payment:${input.processorObjectId}`,
    processorObjectId: input.processorObjectId,
    organizationId: input.organizationId,
    initiativeId: input.initiativeId,
    pledgeId: input.pledgeId,
    occurredAt: input.occurredAt,
    description: input.description,
    entries: paidThroughStripe(
      input.organizationId,
      { kind: "initiative_funds", initiativeId: input.initiativeId },
      input.amountMinor,
      input.currency,
    ),
  });
}

/** Staff set money aside for matching (issue 10, section 3): membership dues into the pool. */
export function recordPoolTransfer(
  tx: Tx,
  input: {
    transferId: string;
    amountMinor: number;
    currency: string;
    reason: string;
    staffId: string;
    occurredAt: Date;
  },
) {
  return postLedgerGroup(tx, {
    kind: "pool_transfer",
    idempotencyKey: `pool-transfer:${input.transferId}`,
    occurredAt: input.occurredAt,
    description: input.reason,
    recordedById: input.staffId,
    entries: [
      { account: { kind: "network_dues" }, amountMinor: input.amountMinor, currency: input.currency },
      { account: { kind: "matching_pool" }, amountMinor: -input.amountMinor, currency: input.currency },
    ],
  });
}

/** The final match of a funded initiative, fixed once: from the pool to its funds. */
export function recordMatch(
  tx: Tx,
  input: {
    initiativeId: string;
    amountMinor: number;
    currency: string;
    occurredAt: Date;
    description: string;
  },
) {
  return postLedgerGroup(tx, {
    kind: "match",
    idempotencyKey: `match:${input.initiativeId}`,
    initiativeId: input.initiativeId,
    occurredAt: input.occurredAt,
    description: input.description,
    entries: [
      { account: { kind: "matching_pool" }, amountMinor: input.amountMinor, currency: input.currency },
      {
        account: { kind: "initiative_funds", initiativeId: input.initiativeId },
        amountMinor: -input.amountMinor,
        currency: input.currency,
      },
    ],
  });
}

/** A collected pledge refunded: back out of the initiative's funds, through the Stripe balance. */
export function recordPledgeRefund(
  tx: Tx,
  input: {
    refundId: string;
    amountMinor: number;
    currency: string;
    organizationId: string;
    initiativeId: string;
    pledgeId: string;
    occurredAt: Date;
    description: string;
  },
) {
  return postLedgerGroup(tx, {
    kind: "refund",
    idempotencyKey: `refund:${input.refundId}`,
    processorObjectId: input.refundId,
    organizationId: input.organizationId,
    initiativeId: input.initiativeId,
    pledgeId: input.pledgeId,
    occurredAt: input.occurredAt,
    description: input.description,
    entries: paidThroughStripe(
      input.organizationId,
      { kind: "initiative_funds", initiativeId: input.initiativeId },
      -input.amountMinor,
      input.currency,
    ),
  });
}

// The payments vocabulary: plain values shared by the database schema (db/schema/payments.ts),
// the services and the browser. No imports, so nothing server-side follows it into a page.

export const ledgerAccountKinds = [
  "stripe_balance",
  "organization",
  "network_dues",
  "matching_pool",
  "initiative_funds",
  "processor_fees",
] as const;
export type LedgerAccountKind = (typeof ledgerAccountKinds)[number];

export const ledgerGroupKinds = [
  "membership_payment",
  "processor_fee",
  "pledge_payment",
  "match",
  "pool_transfer",
  "refund",
  "payout",
  "correction",
] as const;
export type LedgerGroupKind = (typeof ledgerGroupKinds)[number];

export const paymentAttemptStatuses = ["started", "succeeded", "failed"] as const;

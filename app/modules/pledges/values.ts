// The pledges vocabulary: plain values shared by the database schema (db/schema/pledges.ts),
// the services and the browser. No imports, so nothing server-side follows it into a page.

export const pledgeStatuses = [
  "pending",
  "committed",
  "collecting",
  "paid",
  "failed",
  "dropped",
  "released",
  "canceled",
  "refunded",
] as const;
export type PledgeStatus = (typeof pledgeStatuses)[number];

export const pledgeMethods = ["card", "invoice"] as const;
export type PledgeMethod = (typeof pledgeMethods)[number];

/** What a failed pledge needs next (ADR 0014). */
export const pledgeRecoveries = ["retry", "authenticate", "new_card"] as const;
export type PledgeRecovery = (typeof pledgeRecoveries)[number];

/** After funding, how long card pledges may take to collect (the errored window). */
export const COLLECTION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

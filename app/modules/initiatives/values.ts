// The initiatives vocabulary: plain values shared by the database schema (db/schema/initiatives.ts),
// the services and the browser. No imports, so nothing server-side follows it into a page.

export const initiativeStatuses = [
  "draft",
  "submitted",
  "in_review",
  "changes_requested",
  "open",
  "funded",
  "in_progress",
  "delivered",
  "not_delivered",
  "declined",
  "withdrawn",
  "expired",
] as const;
export type InitiativeStatus = (typeof initiativeStatuses)[number];

export const matchRules = ["none", "one_to_one", "quadratic"] as const;
export type MatchRule = (typeof matchRules)[number];

export const initiativeSizes = ["XS", "S", "M", "L", "XL"] as const;
export type InitiativeSize = (typeof initiativeSizes)[number];

export const initiativePriorities = ["low", "normal", "high", "urgent"] as const;

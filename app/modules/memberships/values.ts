// The memberships vocabulary: plain values shared by the database schema (db/schema/memberships.ts),
// the services and the browser. No imports, so nothing server-side follows it into a page.

export const membershipStatuses = ["pending", "active", "past_due", "canceled", "expired"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

export const membershipMethods = ["card", "invoice", "subsidy"] as const;

export const subsidyStatuses = ["pending", "approved", "declined"] as const;

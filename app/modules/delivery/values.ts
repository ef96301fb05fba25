// The delivery vocabulary: plain values shared by the database schema (db/schema/delivery.ts),
// the services and the browser. No imports, so nothing server-side follows it into a page.

export const deliverableKinds = ["pull_request", "release", "documentation"] as const;
export type DeliverableKind = (typeof deliverableKinds)[number];

export const rolloutStatuses = ["reported", "verified"] as const;
export type RolloutStatus = (typeof rolloutStatuses)[number];

export const deliveryOutcomes = ["delivered", "not_delivered"] as const;
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

// The hubs vocabulary: plain values shared by the database schema (db/schema/hubs.ts),
// the services and the browser. No imports, so nothing server-side follows it into a page.

export const hubStatuses = ["active", "retired"] as const;

// The organizations vocabulary: plain values shared by the database schema (db/schema/organizations.ts),
// the services and the browser. No imports, so nothing server-side follows it into a page.

export const organizationKinds = ["institution", "community"] as const;

export const organizationRoles = ["owner", "admin", "member"] as const;
export type OrganizationRole = (typeof organizationRoles)[number];

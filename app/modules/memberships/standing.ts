import { type SQL, sql } from "drizzle-orm";
import type { MembershipStatus } from "~/modules/memberships/values";

// What makes an organization a member: a membership that is paid up or being retried
// (issue 13, item 4). One definition for the directory, demand standing (issue 12, item 5),
// invitation limits and membership history.

export const MEMBER_STATUSES = ["active", "past_due"] as const satisfies readonly MembershipStatus[];

export function isMemberStatus(status: MembershipStatus | null) {
  return (MEMBER_STATUSES as readonly string[]).includes(status ?? "");
}

/**
 * SQL: the organization whose id is `organizationId` holds a member status. Pass a qualified
 * column ('"organizations"."id"', 'e.organization_id') as raw text: in a select list drizzle
 * writes a bare column name, which the subquery would read as its own table's id.
 */
export function hasMembership(organizationId: string | SQL): SQL {
  const id = typeof organizationId === "string" ? sql.raw(organizationId) : organizationId;
  return sql`exists (select 1 from memberships m where m.organization_id = ${id}
    and m.status in (${sql.raw(MEMBER_STATUSES.map((s) => `'${s}'`).join(", "))}))`;
}

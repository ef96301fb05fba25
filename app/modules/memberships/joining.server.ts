import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { memberships, membershipTiers } from "#db/schema";

// Joining carries the chosen tier from the pricing page through sign-up, the email code
// and creating the organization, straight to payment (issue 13, item 1): every step's
// link holds `/membership/join?tier=<id>` or `?tier=<id>`, and each page says where the
// person is.

export const JOIN_PATH = "/membership/join";

export function joinPath(tierId: string) {
  return `${JOIN_PATH}?tier=${tierId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The active tier an id names, or null (a stale or hand-made link). */
export async function joinableTier(db: Db, tierId: string | null | undefined) {
  if (!tierId || !UUID.test(tierId)) return null;
  const [tier] = await db
    .select({
      id: membershipTiers.id,
      name: membershipTiers.name,
      isSubsidised: membershipTiers.isSubsidised,
    })
    .from(membershipTiers)
    .where(and(eq(membershipTiers.id, tierId), eq(membershipTiers.isActive, true)));
  return tier ?? null;
}

/** The tier a path after sign-up is joining, when that path is the join step. */
export function tierIdOfJoinPath(path: string | null | undefined) {
  if (!path) return null;
  const url = new URL(path, "http://commons.invalid");
  return url.pathname === JOIN_PATH ? url.searchParams.get("tier") : null;
}

/**
 * The newest membership of each organization, for the page people land on after signing
 * in: its state, tier and dates, so what needs attention (a failed renewal, an unpaid
 * invoice) shows first.
 */
export async function membershipStatesOf(db: Db, organizationIds: string[]) {
  if (organizationIds.length === 0) return new Map<string, MembershipState>();
  const rows = await db
    .selectDistinctOn([memberships.organizationId], {
      organizationId: memberships.organizationId,
      status: memberships.status,
      method: memberships.method,
      tierName: membershipTiers.name,
      periodEnd: memberships.currentPeriodEnd,
      cancelAtPeriodEnd: memberships.cancelAtPeriodEnd,
    })
    .from(memberships)
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(inArray(memberships.organizationId, organizationIds))
    .orderBy(memberships.organizationId, desc(memberships.createdAt));
  return new Map(rows.map((r) => [r.organizationId, r]));
}

export type MembershipState = {
  organizationId: string;
  status: string;
  method: string;
  tierName: string;
  periodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
};

import { eq } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import { type MembershipStatus, memberships, membershipTransitions } from "#db/schema";
import { ConflictError, InvalidTransitionError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { refreshDemandOfOrganization } from "~/modules/initiatives/demand.server";
import { isMemberStatus } from "./standing";

// The membership workflow (issue 9, section 4) in one table, like the initiatives'.
// Every allowed move names who may make it and what it needs; anything not listed
// is refused. `createMembership` and `moveMembership` are the only code that writes
// a membership's status (tests/architecture.test.ts searches for others), and each
// write appends a row to membership_transitions. No membership row is deleted: the
// database refuses it (migration 0005).

export type MembershipActor = "admin" | "staff" | "stripe" | "system";

export type MembershipRule = {
  from: MembershipStatus | null;
  to: MembershipStatus;
  by: MembershipActor[];
  needs: string;
};

export const MEMBERSHIP_TRANSITIONS: readonly MembershipRule[] = [
  { from: null, to: "pending", by: ["admin"], needs: "a card checkout or an invoice requested" },
  { from: null, to: "active", by: ["staff"], needs: "a subsidy application approved with a reason" },
  { from: "pending", to: "active", by: ["stripe"], needs: "payment confirmed by Stripe" },
  { from: "pending", to: "canceled", by: ["admin", "stripe"], needs: "the checkout replaced or expired" },
  { from: "active", to: "past_due", by: ["stripe"], needs: "a renewal payment failed" },
  { from: "active", to: "canceled", by: ["stripe"], needs: "the subscription canceled" },
  { from: "active", to: "expired", by: ["stripe", "system"], needs: "the paid period ended" },
  { from: "past_due", to: "active", by: ["stripe"], needs: "a retried payment succeeded" },
  { from: "past_due", to: "canceled", by: ["stripe"], needs: "dunning ended unpaid" },
  { from: "past_due", to: "expired", by: ["stripe", "system"], needs: "the paid period ended" },
];

export function membershipRule(from: MembershipStatus | null, to: MembershipStatus, by: MembershipActor) {
  return MEMBERSHIP_TRANSITIONS.find((r) => r.from === from && r.to === to && r.by.includes(by)) ?? null;
}

export function canMoveMembership(from: MembershipStatus, to: MembershipStatus, by: MembershipActor) {
  return from === to || membershipRule(from, to, by) !== null;
}

type Row = typeof memberships.$inferSelect;
type NewRow = typeof memberships.$inferInsert;
/** Fields any writer may change; the status only moves through moveMembership. */
export type MembershipDetails = Partial<Omit<Row, "id" | "status" | "organizationId" | "createdAt">>;
type Move = { by: MembershipActor; actorId: string | null; reason: string };

async function appendHistory(
  tx: Tx,
  membership: Pick<Row, "id" | "organizationId">,
  from: MembershipStatus | null,
  to: MembershipStatus,
  move: Move,
) {
  await tx.insert(membershipTransitions).values({
    membershipId: membership.id,
    fromStatus: from,
    toStatus: to,
    actorId: move.actorId,
    reason: move.reason,
  });
  await recordAudit(tx, {
    actorId: move.actorId,
    action: `membership.${to}`,
    subjectType: "membership",
    subjectId: membership.id,
    organizationId: membership.organizationId,
    details: { from, by: move.by, reason: move.reason },
  });
  // A live membership gives the organization standing: its endorsements count as demand.
  if (isMemberStatus(from) !== isMemberStatus(to))
    await refreshDemandOfOrganization(tx, membership.organizationId);
}

export async function createMembership(
  tx: Tx,
  values: Omit<NewRow, "id" | "status"> & { status: "pending" | "active" },
  move: Move,
) {
  if (!membershipRule(null, values.status, move.by))
    throw new InvalidTransitionError(`a membership cannot start ${values.status} by ${move.by}`);
  const [created] = await tx
    .insert(memberships)
    .values({ ...values, ...(values.status === "active" ? { activatedAt: new Date() } : {}) })
    .returning()
    .catch((error: { cause?: { code?: string; constraint_name?: string } }) => {
      // Two requests at once (two tabs, a double click): the one-live-membership index decides.
      if (error.cause?.code === "23505" && error.cause.constraint_name === "memberships_live_org_idx")
        throw new ConflictError("A membership for this organization was just started in another window.");
      throw error;
    });
  await appendHistory(tx, created!, null, values.status, move);
  return created!;
}

/** Moves a membership (locked by the caller) to `to`, with other changes, and records it. */
export async function moveMembership(
  tx: Tx,
  membership: Row,
  to: MembershipStatus,
  move: Move,
  changes: MembershipDetails = {},
) {
  if (!canMoveMembership(membership.status, to, move.by)) {
    throw new InvalidTransitionError(
      `membership ${membership.id}: ${membership.status} → ${to} by ${move.by}`,
    );
  }
  const now = new Date();
  const [updated] = await tx
    .update(memberships)
    .set({
      ...changes,
      status: to,
      updatedAt: now,
      ...(to === "active" && !membership.activatedAt ? { activatedAt: now } : {}),
      ...((to === "canceled" || to === "expired") && !membership.endedAt ? { endedAt: now } : {}),
    })
    .where(eq(memberships.id, membership.id))
    .returning();
  if (to !== membership.status) await appendHistory(tx, membership, membership.status, to, move);
  return updated!;
}

/** Changes fields other than the status (Stripe ids, periods, the scheduled tier). */
export async function updateMembershipDetails(tx: Db, id: string, changes: MembershipDetails) {
  const [updated] = await tx
    .update(memberships)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(memberships.id, id))
    .returning();
  return updated!;
}

export async function lockMembership(tx: Tx, id: string) {
  const [row] = await tx.select().from(memberships).where(eq(memberships.id, id)).for("update");
  return row ?? null;
}

export function membershipHistory(tx: Tx, membershipId: string) {
  return tx
    .select()
    .from(membershipTransitions)
    .where(eq(membershipTransitions.membershipId, membershipId))
    .orderBy(membershipTransitions.at);
}

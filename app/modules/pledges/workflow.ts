import { eq, sql } from "drizzle-orm";
import type { Tx } from "#db/client.server";
import { initiatives, type PledgeStatus, pledges, pledgeTransitions } from "#db/schema";
import { InvalidTransitionError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";

// The pledge workflow (issue 10) in one table, like memberships' and initiatives'.
// `createPledgeRow` and `movePledge` are the only code that writes a pledge's status;
// each write appends a pledge_transitions row and an audit row, and keeps the
// initiative's committed totals (pledged_minor, pledge_organizations) in step in the
// same transaction. Callers hold the lock on the initiative row.

export type PledgeActor = "admin" | "stripe" | "system" | "staff";

export type PledgeRule = { from: PledgeStatus | null; to: PledgeStatus; by: PledgeActor[]; needs: string };

export const PLEDGE_TRANSITIONS: readonly PledgeRule[] = [
  { from: null, to: "pending", by: ["admin"], needs: "a card pledge waiting for its card to be saved" },
  { from: null, to: "committed", by: ["admin"], needs: "a saved card reused, or an invoice pledge" },
  { from: "pending", to: "committed", by: ["stripe", "admin"], needs: "Stripe confirmed the saved card" },
  { from: "pending", to: "canceled", by: ["admin"], needs: "the pledger canceled" },
  {
    from: "pending",
    to: "released",
    by: ["system"],
    needs: "the initiative closed before the card was saved",
  },
  { from: "committed", to: "canceled", by: ["admin"], needs: "the pledger canceled while open" },
  { from: "committed", to: "collecting", by: ["system"], needs: "the initiative was funded" },
  { from: "committed", to: "released", by: ["system"], needs: "the initiative expired or was withdrawn" },
  { from: "canceled", to: "pending", by: ["admin"], needs: "pledged again, card to be saved" },
  { from: "canceled", to: "committed", by: ["admin"], needs: "pledged again" },
  { from: "collecting", to: "paid", by: ["stripe"], needs: "Stripe confirmed the payment" },
  { from: "collecting", to: "failed", by: ["stripe", "system"], needs: "the charge failed" },
  {
    from: "failed",
    to: "collecting",
    by: ["admin", "system", "stripe"],
    needs: "a scheduled retry, or a new card Stripe confirmed",
  },
  { from: "failed", to: "paid", by: ["stripe"], needs: "Stripe confirmed a later payment" },
  { from: "failed", to: "dropped", by: ["system"], needs: "the errored window ended unpaid" },
  {
    from: "paid",
    to: "refunded",
    by: ["stripe"],
    needs: "staff refunded it with a reason; Stripe confirmed",
  },
];

export function pledgeRule(from: PledgeStatus | null, to: PledgeStatus, by: PledgeActor) {
  return PLEDGE_TRANSITIONS.find((r) => r.from === from && r.to === to && r.by.includes(by)) ?? null;
}

/**
 * Whether a pledge counts in the initiative's pledged total: once committed it does,
 * through collection, failure, payment, dropping and refunds (each also shown as its
 * own figure), until the pledger cancels it. A released pledge keeps counting if it
 * was committed (the total an expired initiative reached); a card never saved, never.
 */
const NOT_COUNTED = new Set<PledgeStatus>(["pending", "canceled"]);
const counts = (status: PledgeStatus, fromCounted = false) =>
  status === "released" ? fromCounted : !NOT_COUNTED.has(status);

type Row = typeof pledges.$inferSelect;
type NewRow = typeof pledges.$inferInsert;
type Move = { by: PledgeActor; actorId: string | null; reason: string };
export type PledgeDetails = Partial<
  Omit<Row, "id" | "status" | "initiativeId" | "organizationId" | "createdAt">
>;

async function adjustTotals(tx: Tx, initiativeId: string, amountDelta: number, organizationsDelta: number) {
  if (amountDelta === 0 && organizationsDelta === 0) return;
  await tx
    .update(initiatives)
    .set({
      pledgedMinor: sql`${initiatives.pledgedMinor} + ${amountDelta}`,
      pledgeOrganizations: sql`${initiatives.pledgeOrganizations} + ${organizationsDelta}`,
    })
    .where(eq(initiatives.id, initiativeId));
}

async function appendHistory(tx: Tx, pledge: Row, from: PledgeStatus | null, move: Move) {
  await tx.insert(pledgeTransitions).values({
    pledgeId: pledge.id,
    fromStatus: from,
    toStatus: pledge.status,
    amountMinor: pledge.amountMinor,
    actorId: move.actorId,
    reason: move.reason,
  });
  await recordAudit(tx, {
    actorId: move.actorId,
    action: `pledge.${pledge.status}`,
    subjectType: "pledge",
    subjectId: pledge.id,
    organizationId: pledge.organizationId,
    details: {
      from,
      by: move.by,
      reason: move.reason,
      amountMinor: pledge.amountMinor,
      currency: pledge.currency,
    },
  });
}

export async function createPledgeRow(
  tx: Tx,
  values: Omit<NewRow, "id" | "status"> & { status: "pending" | "committed" },
  move: Move,
) {
  if (!pledgeRule(null, values.status, move.by))
    throw new InvalidTransitionError(`a pledge cannot start ${values.status} by ${move.by}`);
  const [created] = await tx
    .insert(pledges)
    .values({ ...values, ...(values.status === "committed" ? { committedAt: new Date() } : {}) })
    .returning();
  if (counts(created!.status)) await adjustTotals(tx, created!.initiativeId, created!.amountMinor, 1);
  await appendHistory(tx, created!, null, move);
  return created!;
}

/**
 * Moves a pledge (already read under `for update`) to `to`, with other fields; a move
 * to the same status only updates the fields (and the totals, if the amount changed).
 */
export async function movePledge(
  tx: Tx,
  pledge: Row,
  to: PledgeStatus,
  move: Move,
  details: PledgeDetails = {},
) {
  if (pledge.status !== to && !pledgeRule(pledge.status, to, move.by))
    throw new InvalidTransitionError(`A ${pledge.status} pledge cannot become ${to}.`);
  const [updated] = await tx
    .update(pledges)
    .set({
      ...details,
      status: to,
      updatedAt: new Date(),
      ...(to === "committed" && pledge.status !== "committed" ? { committedAt: new Date() } : {}),
    })
    .where(eq(pledges.id, pledge.id))
    .returning();
  const wasCounted = counts(pledge.status);
  const isCounted = counts(to, wasCounted);
  const before = wasCounted ? pledge.amountMinor : 0;
  const after = isCounted ? updated!.amountMinor : 0;
  await adjustTotals(tx, pledge.initiativeId, after - before, Number(isCounted) - Number(wasCounted));
  if (pledge.status !== to || pledge.amountMinor !== updated!.amountMinor)
    await appendHistory(tx, updated!, pledge.status, move);
  return updated!;
}

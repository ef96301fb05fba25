import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import { initiatives, pledges } from "#db/schema";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import { formatMoney } from "~/lib/money";
import { changeStatus, lockInitiative } from "~/modules/initiatives/initiatives.server";
import { fixMatch, roundEstimates } from "~/modules/matching/pool.server";
import { enqueueCollection } from "./collection.server";
import { notifyPledge } from "./notices.server";
import { COLLECTION_WINDOW_MS } from "./values";
import { movePledge } from "./workflow";

// The deadline (issue 10, section 2; ADR 0014): whether an initiative is funded by the
// funding rule, closing it (at the deadline, or early by staff once the rule holds),
// moving its committed pledges to collection, or releasing them.

export type FundingPosition = {
  pledgedMinor: number;
  matchMinor: number;
  organizations: number;
  reachesGoal: boolean;
  reachesOrganizations: boolean;
};

/** Where an open initiative stands against its funding rule (matching counts toward the goal only). */
export async function fundingPosition(
  db: Db,
  initiative: typeof initiatives.$inferSelect,
): Promise<FundingPosition> {
  const matchMinor =
    initiative.matchRule === "none"
      ? 0
      : ((await roundEstimates(db, initiative.currency)).get(initiative.id)?.match ?? 0);
  return {
    pledgedMinor: initiative.pledgedMinor,
    matchMinor,
    organizations: initiative.pledgeOrganizations,
    reachesGoal: initiative.pledgedMinor + matchMinor >= (initiative.goalMinor ?? Number.POSITIVE_INFINITY),
    reachesOrganizations: initiative.pledgeOrganizations >= (initiative.minBackers ?? 0),
  };
}

/**
 * Closes an open initiative: at (or after) its deadline it is funded if the rule holds
 * and expires otherwise; staff may close it early, with a rationale, only once the
 * rule holds. One transaction, under the initiative's lock: exactly one transition.
 */
export async function closeInitiative(
  db: Db,
  initiativeId: string,
  by: { staffId: string; rationale: string } | null,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative) throw new NotFoundError("No such initiative.");
    if (initiative.status !== "open") return initiative.status;
    const due = initiative.pledgeDeadline !== null && initiative.pledgeDeadline <= now;
    const position = await fundingPosition(tx, initiative);
    const funded = position.reachesGoal && position.reachesOrganizations;
    if (by) {
      if (!funded)
        throw new ConflictError(
          "The funding rule does not hold yet: pledges plus matching must reach the goal, from at least the minimum number of organizations.",
        );
      if (by.rationale.trim().length < 10)
        throw new ValidationError({ rationale: ["Say why it closes early (at least 10 characters)."] });
    } else if (!due) return initiative.status;
    const actor = { userId: by?.staffId ?? null, isStaff: Boolean(by), system: true };
    if (funded) {
      const match = await fixMatch(tx, initiative);
      await tx.update(initiatives).set({ fundedAt: now }).where(eq(initiatives.id, initiative.id));
      const totals = `${formatMoney({ amountMinor: position.pledgedMinor, currency: initiative.currency })} pledged by ${position.organizations} organizations, ${formatMoney({ amountMinor: match, currency: initiative.currency })} matched`;
      await changeStatus(tx, actor, initiative.id, {
        to: "funded",
        rationale: by ? `${by.rationale.trim()} (${totals})` : `Funded at the deadline: ${totals}.`,
      });
      return "funded" as const;
    }
    await changeStatus(tx, actor, initiative.id, {
      to: "expired",
      rationale: `The funding rule did not hold at the deadline: ${formatMoney({ amountMinor: position.pledgedMinor + position.matchMinor, currency: initiative.currency })} of ${formatMoney({ amountMinor: initiative.goalMinor ?? 0, currency: initiative.currency })}, ${position.organizations} of ${initiative.minBackers ?? 0} organizations.`,
    });
    return "expired" as const;
  });
}

/** Open initiatives whose deadline passed are funded or expire (the sweep job). */
export async function closeLapsedInitiatives(db: Db, now = new Date()) {
  const lapsed = await db
    .select({ id: initiatives.id })
    .from(initiatives)
    .where(and(eq(initiatives.status, "open"), lte(initiatives.pledgeDeadline, now)));
  const results: string[] = [];
  for (const { id } of lapsed) results.push(await closeInitiative(db, id, null, now));
  return results;
}

/**
 * A funded initiative's committed pledges move to `collecting`, each with its own
 * collection job, in one transaction. Running it again finds nothing committed.
 */
export async function startCollection(db: Db, initiativeId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative || initiative.status !== "funded") return 0;
    const committed = await tx
      .select()
      .from(pledges)
      .where(and(eq(pledges.initiativeId, initiativeId), eq(pledges.status, "committed")))
      .orderBy(asc(pledges.createdAt))
      .for("update");
    const windowEndsAt = new Date((initiative.fundedAt ?? now).getTime() + COLLECTION_WINDOW_MS);
    for (const pledge of committed) {
      await movePledge(
        tx,
        pledge,
        "collecting",
        { by: "system", actorId: null, reason: "the initiative was funded" },
        { fundedAt: initiative.fundedAt ?? now, windowEndsAt, lastReminderAt: null },
      );
      await enqueueCollection(tx, pledge.id, 0);
    }
    // Pledges whose card was never saved never committed: they are released.
    await releaseWhere(tx, initiativeId, ["pending"], null);
    return committed.length;
  });
}

/** An expired or withdrawn initiative releases its pledges: nothing is charged. */
export async function releasePledges(db: Db, initiativeId: string) {
  return db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative || !["expired", "withdrawn", "declined"].includes(initiative.status)) return 0;
    return releaseWhere(tx, initiativeId, ["pending", "committed"], "released");
  });
}

async function releaseWhere(
  tx: Tx,
  initiativeId: string,
  statuses: ("pending" | "committed")[],
  email: "released" | null,
) {
  const rows = await tx
    .select()
    .from(pledges)
    .where(and(eq(pledges.initiativeId, initiativeId), inArray(pledges.status, statuses)))
    .for("update");
  for (const pledge of rows) {
    await movePledge(tx, pledge, "released", {
      by: "system",
      actorId: null,
      reason: "the initiative closed unfunded",
    });
    if (email && pledge.status === "committed") await notifyPledge(tx, { kind: email, pledgeId: pledge.id });
  }
  return rows.length;
}

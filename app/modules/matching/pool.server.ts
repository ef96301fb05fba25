import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import { initiatives, ledgerAccounts, ledgerEntries, ledgerGroups, pledges, users } from "#db/schema";
import { ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { lockInitiative } from "~/modules/initiatives/initiatives.server";
import { recordMatch, recordPoolTransfer } from "~/modules/ledger/movements.server";
import { allocateQuadratic, oneToOneMatch } from "./allocation";

// The matching pool (issue 10, section 3; ADR 0014): money staff set aside from
// membership dues, its balance from the ledger, the estimates shown before pledging,
// and the match fixed once at funding.

async function balanceOf(db: Db, kind: "matching_pool" | "network_dues", currency: string) {
  const [row] = await db
    .select({ total: sql<number>`coalesce(-sum(${ledgerEntries.amountMinor}), 0)::bigint`.mapWith(Number) })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerAccounts.kind, kind), eq(ledgerEntries.currency, currency)));
  return row?.total ?? 0;
}

/** What the pool holds now in `currency` (matches already fixed are gone from it). */
export const poolBalance = (db: Db, currency: string) => balanceOf(db, "matching_pool", currency);

/** Staff move membership dues into the pool, with a reason; never more than the dues hold. */
export async function transferToPool(
  db: Db,
  staffId: string,
  input: { amountMinor: number; currency: string; reason: string },
) {
  const reason = input.reason.trim();
  const problems: Record<string, string[]> = {};
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
    problems.amount = ["Enter an amount above zero."];
  if (reason.length < 5) problems.reason = ["Say why (at least 5 characters); it is kept with the transfer."];
  if (Object.keys(problems).length) throw new ValidationError(problems);
  return db.transaction(async (tx) => {
    // One transfer at a time, so two staff cannot both spend the same dues.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('matching-pool'))`);
    const dues = await balanceOf(tx, "network_dues", input.currency);
    if (input.amountMinor > dues)
      throw new ValidationError({ amount: [`Membership dues hold only ${dues / 100} ${input.currency}.`] });
    const transferId = crypto.randomUUID();
    await recordPoolTransfer(tx, { ...input, reason, transferId, staffId, occurredAt: new Date() });
    await recordAudit(tx, {
      actorId: staffId,
      action: "matching.pool-transfer",
      subjectType: "matching_pool",
      subjectId: transferId,
      organizationId: null,
      details: { amountMinor: input.amountMinor, currency: input.currency, reason },
    });
    return transferId;
  });
}

/** Transfers into the pool and matches out of it, newest first. */
export function poolMovements(db: Db, limit = 50) {
  return db
    .select({
      id: ledgerGroups.id,
      kind: ledgerGroups.kind,
      occurredAt: ledgerGroups.occurredAt,
      description: ledgerGroups.description,
      initiativeId: ledgerGroups.initiativeId,
      initiativeTitle: initiatives.title,
      initiativeSlug: initiatives.slug,
      staffName: users.name,
      amountMinor: sql<number>`(-${ledgerEntries.amountMinor})::bigint`.mapWith(Number),
      currency: ledgerEntries.currency,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
    .leftJoin(initiatives, eq(initiatives.id, ledgerGroups.initiativeId))
    .leftJoin(users, eq(users.id, ledgerGroups.recordedById))
    .where(eq(ledgerAccounts.kind, "matching_pool"))
    .orderBy(desc(ledgerGroups.occurredAt))
    .limit(limit);
}

export type MatchEstimate = { match: number; capped: boolean; scaled: boolean };
type PledgeChange = {
  initiativeId: string;
  organizationId: string;
  amountMinor: number;
  pledgedAfter: number;
};

/**
 * The match every open, matched initiative in `currency` would get if it were funded
 * now: 1:1 ones each up to their cap and the pool; quadratic ones share what the 1:1
 * commitments leave. `change` replaces (or adds) one organization's pledge, for the
 * estimate shown before pledging.
 */
export async function roundEstimates(
  db: Db,
  currency: string,
  change?: PledgeChange,
): Promise<Map<string, MatchEstimate>> {
  const open = await db
    .select({
      id: initiatives.id,
      rule: initiatives.matchRule,
      pledgedMinor: initiatives.pledgedMinor,
      capMinor: initiatives.matchCapMinor,
      capShareBp: initiatives.matchCapShareBp,
    })
    .from(initiatives)
    .where(
      and(
        eq(initiatives.status, "open"),
        eq(initiatives.currency, currency),
        inArray(initiatives.matchRule, ["one_to_one", "quadratic"]),
      ),
    );
  const estimates = new Map<string, MatchEstimate>();
  if (open.length === 0) return estimates;
  const balance = await poolBalance(db, currency);
  const quadratic = open.filter((i) => i.rule === "quadratic");
  const byInitiative = new Map<string, Map<string, number>>(quadratic.map((i) => [i.id, new Map()]));
  if (quadratic.length) {
    const rows = await db
      .select({
        initiativeId: pledges.initiativeId,
        organizationId: pledges.organizationId,
        amount: pledges.amountMinor,
      })
      .from(pledges)
      .where(
        and(
          inArray(
            pledges.initiativeId,
            quadratic.map((i) => i.id),
          ),
          eq(pledges.status, "committed"),
        ),
      );
    for (const row of rows) byInitiative.get(row.initiativeId)!.set(row.organizationId, row.amount);
  }
  let committedOneToOne = 0;
  for (const initiative of open.filter((i) => i.rule === "one_to_one")) {
    let pledged = initiative.pledgedMinor;
    if (change && change.initiativeId === initiative.id) pledged = change.pledgedAfter;
    const result = oneToOneMatch(pledged, initiative.capMinor, balance);
    committedOneToOne += result.match;
    estimates.set(initiative.id, { match: result.match, capped: result.capped, scaled: result.poolLimited });
  }
  if (change && byInitiative.has(change.initiativeId)) {
    const orgs = byInitiative.get(change.initiativeId)!;
    if (change.amountMinor > 0) orgs.set(change.organizationId, change.amountMinor);
    else orgs.delete(change.organizationId);
  }
  const allocations = allocateQuadratic(
    Math.max(0, balance - committedOneToOne),
    quadratic.map((i) => ({
      id: i.id,
      pledgesByOrganization: [...byInitiative.get(i.id)!.values()],
      capShareBp: i.capShareBp,
    })),
  );
  for (const a of allocations) estimates.set(a.id, { match: a.match, capped: a.capped, scaled: a.scaled });
  return estimates;
}

/** The estimate for one initiative, before and after an organization's pledge changes. */
export async function matchEstimate(
  db: Db,
  initiative: { id: string; currency: string; pledgedMinor: number },
  change: { organizationId: string; amountMinor: number; previousMinor: number } | null,
) {
  const before = (await roundEstimates(db, initiative.currency)).get(initiative.id) ?? null;
  if (!change || !before) return { before, after: before };
  const pledgedAfter = initiative.pledgedMinor - change.previousMinor + change.amountMinor;
  const after =
    (
      await roundEstimates(db, initiative.currency, {
        initiativeId: initiative.id,
        organizationId: change.organizationId,
        amountMinor: change.amountMinor,
        pledgedAfter,
      })
    ).get(initiative.id) ?? null;
  return { before, after };
}

/**
 * Fixes an initiative's match at funding (once: the ledger key is the initiative) and
 * records it on the initiative. Call in the funding transaction.
 */
export async function fixMatch(tx: Tx, initiative: { id: string; currency: string; title: string }) {
  const estimate = (await roundEstimates(tx, initiative.currency)).get(initiative.id);
  const match = estimate?.match ?? 0;
  if (match > 0)
    await recordMatch(tx, {
      initiativeId: initiative.id,
      amountMinor: match,
      currency: initiative.currency,
      occurredAt: new Date(),
      description: `Match for ${initiative.title}`,
    });
  await tx.update(initiatives).set({ matchedMinor: match }).where(eq(initiatives.id, initiative.id));
  return match;
}

/** Staff set an open initiative's matching rule (issue 10, section 3). */
export async function setMatchingRule(
  db: Db,
  staffId: string,
  initiativeId: string,
  input: { rule: "none" | "one_to_one" | "quadratic"; capMinor: number | null; capShareBp: number | null },
) {
  const problems: Record<string, string[]> = {};
  if (input.rule === "one_to_one" && (!input.capMinor || input.capMinor <= 0))
    problems.cap = ["Set the most the pool adds to this initiative."];
  if (
    input.rule === "quadratic" &&
    input.capShareBp !== null &&
    (input.capShareBp < 1 || input.capShareBp > 10_000)
  )
    problems.capShare = ["The share of the pool is between 0.01% and 100%."];
  if (Object.keys(problems).length) throw new ValidationError(problems);
  return db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative) throw new ValidationError({ form: ["No such initiative."] });
    if (initiative.status !== "open")
      throw new ValidationError({ form: ["The matching rule is fixed once pledging has closed."] });
    await tx
      .update(initiatives)
      .set({
        matchRule: input.rule,
        matchCapMinor: input.rule === "one_to_one" ? input.capMinor : null,
        matchCapShareBp: input.rule === "quadratic" ? input.capShareBp : null,
      })
      .where(eq(initiatives.id, initiativeId));
    await recordAudit(tx, {
      actorId: staffId,
      action: "matching.rule",
      subjectType: "initiative",
      subjectId: initiativeId,
      organizationId: initiative.organizationId,
      details: { ...input, currency: initiative.currency },
    });
  });
}

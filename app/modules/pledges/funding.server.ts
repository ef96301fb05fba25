import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { type initiatives, organizations, type PledgeStatus, pledges } from "#db/schema";
import { roundEstimates } from "~/modules/matching/pool.server";

// What people see of an initiative's funding (issue 10, section 4): the progress
// against the funding rule while open, honest figures after funding, and the
// funders with each one's credit choice applied here, in one place.

type Initiative = typeof initiatives.$inferSelect;

export type FundingSummary = {
  goalMinor: number;
  currency: string;
  pledgedMinor: number;
  organizations: number;
  minOrganizations: number;
  deadline: Date | null;
  /** While open: the estimate; after funding: the match fixed then. */
  matchMinor: number;
  matchIsEstimate: boolean;
  /** After funding, each its own figure (never netted against each other). */
  figures: { collected: number; inCollection: number; dropped: number; refunded: number } | null;
};

/** The funding position of one initiative: maintained sums, plus one grouped query after funding. */
export async function fundingSummary(db: Db, initiative: Initiative): Promise<FundingSummary> {
  const base = {
    goalMinor: initiative.goalMinor ?? 0,
    currency: initiative.currency,
    pledgedMinor: initiative.pledgedMinor,
    organizations: initiative.pledgeOrganizations,
    minOrganizations: initiative.minBackers ?? 0,
    deadline: initiative.pledgeDeadline,
  };
  if (initiative.status === "open") {
    const match =
      initiative.matchRule === "none"
        ? 0
        : ((await roundEstimates(db, initiative.currency)).get(initiative.id)?.match ?? 0);
    return { ...base, matchMinor: match, matchIsEstimate: initiative.matchRule !== "none", figures: null };
  }
  if (!initiative.fundedAt) return { ...base, matchMinor: 0, matchIsEstimate: false, figures: null };
  const rows = await db
    .select({
      status: pledges.status,
      total: sql<number>`sum(${pledges.amountMinor})::bigint`.mapWith(Number),
    })
    .from(pledges)
    .where(eq(pledges.initiativeId, initiative.id))
    .groupBy(pledges.status);
  const sum = (...statuses: PledgeStatus[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((s, r) => s + r.total, 0);
  return {
    ...base,
    matchMinor: initiative.matchedMinor ?? 0,
    matchIsEstimate: false,
    figures: {
      collected: sum("paid", "refunded"),
      inCollection: sum("collecting", "failed"),
      dropped: sum("dropped"),
      refunded: sum("refunded"),
    },
  };
}

export type PublicFunder = {
  name: string;
  slug: string;
  logoUrl: string | null;
  amountMinor: number | null;
  message: string;
  /** Basis points of the money collected (after funding) or pledged (before); null where the amount is hidden. */
  shareBp: number | null;
  /** Basis points of the match this funder drew; null where hidden, unpaid or unmatched. */
  matchShareBp: number | null;
  /** The day the pledge was paid (or committed, before collection): credit keeps its date. */
  on: string;
};
export type Funders = {
  named: PublicFunder[];
  /** Counted; summed only over those that show their amount; `undisclosed` of them hide it. */
  anonymous: { count: number; amountMinor: number; undisclosed: number };
  hiddenAmounts: number;
};

/** Statuses whose pledges count as funding: committed before funding, then the ones not released, canceled or dropped. */
const FUNDING: PledgeStatus[] = ["committed", "collecting", "paid", "failed"];

type FundedInitiative = Pick<Initiative, "id" | "fundedAt" | "matchRule" | "matchedMinor">;

/**
 * The public funders list (the one place anonymity is applied, issue 10 and 11): named
 * funders by amount (their amount and shares only where they chose to show the amount),
 * anonymous ones only counted and summed. No id, slug, name or logo of an anonymous
 * funder leaves this function.
 *
 * Shares: of the money collected once funded (paid pledges), of the pledged total
 * before. Of the match: in proportion to the amount under 1:1, to the square root of
 * the amount under quadratic matching (each contribution's part of Σ√c).
 */
export async function publicFunders(db: Db, initiative: FundedInitiative): Promise<Funders> {
  const rows = await db
    .select({
      status: pledges.status,
      showName: pledges.showName,
      showAmount: pledges.showAmount,
      amountMinor: pledges.amountMinor,
      message: pledges.message,
      name: organizations.name,
      slug: organizations.slug,
      logoUrl: organizations.logoUrl,
      isPublic: organizations.isPublic,
      paidAt: pledges.paidAt,
      committedAt: pledges.committedAt,
      createdAt: pledges.createdAt,
    })
    .from(pledges)
    .innerJoin(organizations, eq(organizations.id, pledges.organizationId))
    .where(and(eq(pledges.initiativeId, initiative.id), inArray(pledges.status, FUNDING)))
    .orderBy(desc(pledges.amountMinor), pledges.createdAt);
  const counted = (row: (typeof rows)[number]) => (initiative.fundedAt ? row.status === "paid" : true);
  const weight = (amount: number) => (initiative.matchRule === "quadratic" ? Math.sqrt(amount) : amount);
  const base = rows.filter(counted).reduce((sum, row) => sum + row.amountMinor, 0);
  const weights = rows.filter(counted).reduce((sum, row) => sum + weight(row.amountMinor), 0);
  const matched =
    initiative.fundedAt && initiative.matchRule !== "none" && (initiative.matchedMinor ?? 0) > 0;
  const named: PublicFunder[] = [];
  const anonymous = { count: 0, amountMinor: 0, undisclosed: 0 };
  let hiddenAmounts = 0;
  for (const row of rows) {
    // An unlisted organization is visible only to its people and staff: it funds anonymously
    // in public, whatever its pledge says.
    if (!row.showName || !row.isPublic) {
      anonymous.count++;
      if (row.showAmount) anonymous.amountMinor += row.amountMinor;
      else anonymous.undisclosed++;
      continue;
    }
    if (!row.showAmount) hiddenAmounts++;
    const shown = row.showAmount && counted(row);
    named.push({
      name: row.name,
      slug: row.slug,
      logoUrl: row.logoUrl,
      amountMinor: row.showAmount ? row.amountMinor : null,
      message: row.message,
      shareBp: shown && base > 0 ? Math.round((row.amountMinor * 10_000) / base) : null,
      matchShareBp:
        shown && matched && weights > 0 ? Math.round((weight(row.amountMinor) * 10_000) / weights) : null,
      on: (row.paidAt ?? row.committedAt ?? row.createdAt).toISOString().slice(0, 10),
    });
  }
  // Funders who hide their amount are listed after the others, by name: their place in
  // an amount-ordered list would give the amount away.
  named.sort((a, b) =>
    a.amountMinor === null || b.amountMinor === null
      ? Number(a.amountMinor === null) - Number(b.amountMinor === null) || a.name.localeCompare(b.name)
      : b.amountMinor - a.amountMinor,
  );
  return { named, anonymous, hiddenAmounts };
}

import { and, asc, desc, eq, inArray, isNull, min, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { endorsements, initiatives, memberships, membershipTiers, pledges, rollouts } from "#db/schema";
import type { InitiativeStatus } from "#db/schema/initiatives";
import { FUNDING_STATUSES } from "~/modules/initiatives/workflow";

// An organization's public credit (issue 11, section 2): what it funded (only pledges
// it let show its name; amounts and shares only where it shows the amount), endorsed
// and proposed, per year, current apart from past; membership only when it chose to
// show it.

const FUNDING = ["committed", "collecting", "paid", "failed"] as const;
/** Statuses after which a funder is a past funder of the work. */
const CLOSED: readonly InitiativeStatus[] = ["delivered", "not_delivered"];
const PUBLIC_STATUSES = [...FUNDING_STATUSES, "not_delivered"] as InitiativeStatus[];

export type FundedItem = {
  slug: string;
  title: string;
  status: InitiativeStatus;
  amountMinor: number | null;
  currency: string;
  shareBp: number | null;
  /** When the pledge was paid, or committed while the initiative is still open. */
  on: string;
  current: boolean;
};

export async function fundedBy(db: Db, organizationId: string): Promise<FundedItem[]> {
  // The share's base: paid pledges once funded, pledged ones before (as the initiative page says).
  const base = sql<number>`(select coalesce(sum(p2.amount_minor), 0)::bigint from pledges p2
      where p2.initiative_id = ${pledges.initiativeId}
        and case when ${initiatives.fundedAt} is null then p2.status in ('committed', 'collecting', 'paid', 'failed')
                 else p2.status = 'paid' end)`.mapWith(Number);
  const rows = await db
    .select({
      slug: initiatives.slug,
      title: initiatives.title,
      status: initiatives.status,
      fundedAt: initiatives.fundedAt,
      pledgeStatus: pledges.status,
      showAmount: pledges.showAmount,
      amountMinor: pledges.amountMinor,
      currency: pledges.currency,
      paidAt: pledges.paidAt,
      committedAt: pledges.committedAt,
      createdAt: pledges.createdAt,
      base,
    })
    .from(pledges)
    .innerJoin(initiatives, eq(initiatives.id, pledges.initiativeId))
    .where(
      and(
        eq(pledges.organizationId, organizationId),
        eq(pledges.showName, true),
        inArray(pledges.status, [...FUNDING]),
        inArray(initiatives.status, PUBLIC_STATUSES),
      ),
    )
    .orderBy(desc(sql`coalesce(${pledges.paidAt}, ${pledges.committedAt}, ${pledges.createdAt})`));
  return rows.map((row) => {
    const counted = row.fundedAt ? row.pledgeStatus === "paid" : true;
    return {
      slug: row.slug,
      title: row.title,
      status: row.status,
      amountMinor: row.showAmount ? row.amountMinor : null,
      currency: row.currency,
      shareBp:
        row.showAmount && counted && row.base > 0 ? Math.round((row.amountMinor * 10_000) / row.base) : null,
      on: (row.paidAt ?? row.committedAt ?? row.createdAt).toISOString().slice(0, 10),
      current: !CLOSED.includes(row.status),
    };
  });
}

export async function organizationCredit(
  db: Db,
  organization: { id: string; showMembership: boolean; createdAt: Date },
) {
  const [funded, endorsed, proposed, membership, hubsRunning] = await Promise.all([
    fundedBy(db, organization.id),
    db
      .select({
        slug: initiatives.slug,
        title: initiatives.title,
        status: initiatives.status,
        on: endorsements.createdAt,
      })
      .from(endorsements)
      .innerJoin(initiatives, eq(initiatives.id, endorsements.initiativeId))
      .where(
        and(
          eq(endorsements.organizationId, organization.id),
          isNull(endorsements.withdrawnAt),
          inArray(initiatives.status, PUBLIC_STATUSES),
        ),
      )
      .orderBy(desc(endorsements.createdAt))
      .limit(200),
    db
      .select({
        slug: initiatives.slug,
        title: initiatives.title,
        status: initiatives.status,
        on: initiatives.createdAt,
      })
      .from(initiatives)
      .where(
        and(eq(initiatives.organizationId, organization.id), inArray(initiatives.status, PUBLIC_STATUSES)),
      )
      .orderBy(desc(initiatives.createdAt))
      .limit(200),
    organization.showMembership ? publicMembership(db, organization.id) : Promise.resolve(null),
    db
      .select({ initiativeId: rollouts.initiativeId, status: rollouts.status })
      .from(rollouts)
      .where(eq(rollouts.organizationId, organization.id)),
  ]);
  return {
    funded,
    endorsed: endorsed.map((e) => ({ ...e, on: e.on.toISOString().slice(0, 10) })),
    proposed: proposed.map((p) => ({ ...p, on: p.on.toISOString().slice(0, 10) })),
    membership,
    runs: {
      rollouts: hubsRunning.length,
      verified: hubsRunning.filter((r) => r.status === "verified").length,
    },
    onCommonsSince: organization.createdAt.toISOString().slice(0, 10),
  };
}

/** The live membership's tier and the first day the organization was a member. */
async function publicMembership(db: Db, organizationId: string) {
  const [[live], [first]] = await Promise.all([
    db
      .select({ tier: membershipTiers.name, status: memberships.status })
      .from(memberships)
      .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
      .where(
        and(
          eq(memberships.organizationId, organizationId),
          inArray(memberships.status, ["active", "past_due"]),
        ),
      )
      .orderBy(asc(memberships.createdAt))
      .limit(1),
    db
      .select({ since: min(memberships.activatedAt) })
      .from(memberships)
      .where(eq(memberships.organizationId, organizationId)),
  ]);
  if (!live && !first?.since) return null;
  return {
    tier: live?.tier ?? null,
    since: first?.since ? first.since.toISOString().slice(0, 10) : null,
  };
}

export type OrganizationCredit = Awaited<ReturnType<typeof organizationCredit>>;

import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { type initiatives, organizationMembers, organizations, pledges } from "#db/schema";
import { formatMajorAmount, parseMajorAmount } from "~/lib/money";
import { matchEstimate } from "~/modules/matching/pool.server";
import { savedCards } from "~/modules/payments/charge-state.server";
import { billingProfileOf } from "~/modules/payments/customers.server";

// What the pledge form shows (issue 10, sections 1 and 3): the organizations the
// viewer may pledge for, the chosen one's pledge and saved cards, and the labelled
// estimate of the match the amount would add, with why it is what it is.

type Initiative = typeof initiatives.$inferSelect;

/** The organizations the viewer may pledge for, each with its pledge to this initiative. */
export async function pledgingOrganizations(db: Db, viewerId: string, initiativeId: string) {
  return db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      role: organizationMembers.role,
      pledge: pledges,
    })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .leftJoin(
      pledges,
      and(eq(pledges.organizationId, organizations.id), eq(pledges.initiativeId, initiativeId)),
    )
    .where(
      and(eq(organizationMembers.userId, viewerId), inArray(organizationMembers.role, ["admin", "owner"])),
    )
    .orderBy(organizations.name);
}

/** The cards saved to an organization's Stripe customer (none before its first checkout). */
export async function savedCardsOf(db: Db, organizationId: string) {
  const profile = await billingProfileOf(db, organizationId);
  return profile ? savedCards(profile.stripeCustomerId) : [];
}

export async function pledgeFormContext(
  db: Db,
  viewerId: string,
  initiative: Initiative,
  query: { org: string | null; amount: string | null },
) {
  const organizations = await pledgingOrganizations(db, viewerId, initiative.id);
  const chosen =
    organizations.find((o) => o.id === query.org) ??
    organizations.find((o) => o.pledge) ??
    organizations[0] ??
    null;
  if (!chosen) return { organizations: [], chosen: null, cards: [], estimate: null, amount: "" };
  const live =
    chosen.pledge && ["pending", "committed"].includes(chosen.pledge.status) ? chosen.pledge : null;
  const amount =
    query.amount ??
    formatMajorAmount(live?.amountMinor ?? initiative.minPledgeMinor, initiative.currency).replace(
      /\.00$/,
      "",
    );
  const amountMinor = parseMajorAmount(amount, initiative.currency);
  const [cards, profile] = await Promise.all([savedCardsOf(db, chosen.id), billingProfileOf(db, chosen.id)]);
  let estimate = null;
  if (initiative.matchRule !== "none" && amountMinor) {
    const previous = live?.status === "committed" ? live.amountMinor : 0;
    const { before, after } = await matchEstimate(db, initiative, {
      organizationId: chosen.id,
      amountMinor,
      previousMinor: previous,
    });
    estimate = {
      addsMinor: Math.max(0, (after?.match ?? 0) - (before?.match ?? 0)),
      totalMinor: after?.match ?? 0,
      capped: after?.capped ?? false,
      scaled: after?.scaled ?? false,
      rule: initiative.matchRule,
    };
  }
  return {
    organizations: organizations.map((o) => ({
      id: o.id,
      name: o.name,
      slug: o.slug,
      hasPledge: Boolean(o.pledge),
    })),
    chosen: {
      id: chosen.id,
      name: chosen.name,
      slug: chosen.slug,
      pledge: live,
      billingEmail: profile?.billingEmail ?? "",
    },
    cards,
    estimate,
    amount,
  };
}

import { and, asc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { memberships, membershipTiers } from "#db/schema";
import { NotFoundError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { ensureProduct } from "~/modules/payments/products.server";
import type { TierInput } from "./schemas";

// Membership tiers (issue 3, item 6). Staff-only writes: routes check requireStaff.
// A retired tier keeps its current members; it is only hidden from new joiners.

export type Tier = typeof membershipTiers.$inferSelect;

export function listActiveTiers(db: Db) {
  return db
    .select()
    .from(membershipTiers)
    .where(eq(membershipTiers.isActive, true))
    .orderBy(asc(membershipTiers.position), asc(membershipTiers.priceMinor));
}

export function listAllTiersWithMembers(db: Db) {
  return db
    .select({
      tier: membershipTiers,
      liveMembers: sql<number>`count(${memberships.id}) filter (where ${memberships.status} in ('pending','active','past_due'))::int`,
    })
    .from(membershipTiers)
    .leftJoin(memberships, eq(memberships.tierId, membershipTiers.id))
    .groupBy(membershipTiers.id)
    .orderBy(sql`${membershipTiers.isActive} desc`, asc(membershipTiers.position));
}

export async function getTier(db: Db, id: string) {
  const [tier] = await db.select().from(membershipTiers).where(eq(membershipTiers.id, id));
  if (!tier) throw new NotFoundError("No such tier.");
  return tier;
}

export async function createTier(db: Db, actorId: string, input: TierInput) {
  return db.transaction(async (tx) => {
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${membershipTiers.position}) + 1, 0)::int` })
      .from(membershipTiers);
    const [tier] = await tx
      .insert(membershipTiers)
      .values({ ...input, position: next })
      .returning();
    await recordAudit(tx, {
      actorId,
      action: "tier.created",
      subjectType: "membership_tier",
      subjectId: tier!.id,
      details: { name: input.name, priceMinor: input.priceMinor, currency: input.currency },
    });
    return tier!;
  });
}

export async function updateTier(db: Db, actorId: string, id: string, input: TierInput) {
  const before = await getTier(db, id);
  return db.transaction(async (tx) => {
    const [tier] = await tx
      .update(membershipTiers)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(membershipTiers.id, id))
      .returning();
    const changes = Object.fromEntries(
      Object.entries(input).filter(([k, v]) => JSON.stringify(before[k as keyof Tier]) !== JSON.stringify(v)),
    );
    await recordAudit(tx, {
      actorId,
      action: "tier.updated",
      subjectType: "membership_tier",
      subjectId: id,
      details: changes,
    });
    return tier!;
  });
}

export async function setTierActive(db: Db, actorId: string, id: string, isActive: boolean) {
  await getTier(db, id);
  await db.transaction(async (tx) => {
    await tx
      .update(membershipTiers)
      .set({ isActive, updatedAt: new Date() })
      .where(eq(membershipTiers.id, id));
    await recordAudit(tx, {
      actorId,
      action: isActive ? "tier.reactivated" : "tier.retired",
      subjectType: "membership_tier",
      subjectId: id,
    });
  });
}

/** Swaps a tier with its neighbour in the display order. */
export async function moveTier(db: Db, actorId: string, id: string, direction: "up" | "down") {
  await db.transaction(async (tx) => {
    const tier = await getTier(tx, id);
    const [neighbour] = await tx
      .select()
      .from(membershipTiers)
      .where(
        direction === "up"
          ? lt(membershipTiers.position, tier.position)
          : gt(membershipTiers.position, tier.position),
      )
      .orderBy(direction === "up" ? sql`${membershipTiers.position} desc` : asc(membershipTiers.position))
      .limit(1);
    if (!neighbour) return;
    await tx
      .update(membershipTiers)
      .set({ position: neighbour.position })
      .where(eq(membershipTiers.id, tier.id));
    await tx
      .update(membershipTiers)
      .set({ position: tier.position })
      .where(and(eq(membershipTiers.id, neighbour.id)));
    await recordAudit(tx, {
      actorId,
      action: "tier.reordered",
      subjectType: "membership_tier",
      subjectId: id,
      details: { direction },
    });
  });
}

/** The tier's Stripe Product, created once and stored on the tier (issue 9, item 1.2). */
export async function productOfTier(db: Db, tier: Tier) {
  if (tier.stripeProductId) return tier.stripeProductId;
  const productId = await ensureProduct(db, {
    existingId: null,
    name: `Commons membership: ${tier.name}`,
    metadata: { tierId: tier.id, purpose: "membership" },
  });
  // Two first uses at once may both create one; the first stored wins and is used by both.
  await db
    .update(membershipTiers)
    .set({ stripeProductId: productId })
    .where(and(eq(membershipTiers.id, tier.id), isNull(membershipTiers.stripeProductId)));
  const [stored] = await db.select().from(membershipTiers).where(eq(membershipTiers.id, tier.id));
  return stored!.stripeProductId!;
}

/** The tier a Stripe Product was made for, if any. */
export async function tierOfProduct(db: Db, productId: string) {
  const [tier] = await db
    .select()
    .from(membershipTiers)
    .where(eq(membershipTiers.stripeProductId, productId));
  return tier ?? null;
}

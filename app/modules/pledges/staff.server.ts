import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { initiatives, organizations, paymentAttempts, pledges } from "#db/schema";
import { NotFoundError, ValidationError } from "~/lib/errors";
import { parseMajorAmount } from "~/lib/money";
import { recordAudit } from "~/modules/audit/audit.server";
import { lockInitiative } from "~/modules/initiatives/initiatives.server";
import { fundingSummary } from "./funding.server";

// Staff's view of collections (issue 10, section 4): every open and funded
// initiative with its position, and per initiative every pledge (anonymous ones
// named: staff see who pledged), its attempts with Stripe's decline and advice codes,
// retries due, and dropped pledges.

export async function listCollections(db: Db) {
  const rows = await db
    .select()
    .from(initiatives)
    .where(
      and(
        inArray(initiatives.status, ["open", "funded", "in_progress", "delivered"]),
        isNotNull(initiatives.goalMinor),
      ),
    )
    .orderBy(desc(initiatives.statusChangedAt))
    .limit(100);
  const failed = await db
    .select({ initiativeId: pledges.initiativeId, count: sql<number>`count(*)::int` })
    .from(pledges)
    .where(eq(pledges.status, "failed"))
    .groupBy(pledges.initiativeId);
  const failures = new Map(failed.map((f) => [f.initiativeId, f.count]));
  return Promise.all(
    rows.map(async (initiative) => ({
      slug: initiative.slug,
      title: initiative.title,
      status: initiative.status,
      failed: failures.get(initiative.id) ?? 0,
      summary: await fundingSummary(db, initiative),
    })),
  );
}

export async function collectionDetail(db: Db, slug: string) {
  const [initiative] = await db.select().from(initiatives).where(eq(initiatives.slug, slug));
  if (!initiative) throw new NotFoundError("No such initiative.");
  const rows = await db
    .select({ pledge: pledges, organizationName: organizations.name, organizationSlug: organizations.slug })
    .from(pledges)
    .innerJoin(organizations, eq(organizations.id, pledges.organizationId))
    .where(eq(pledges.initiativeId, initiative.id))
    .orderBy(desc(pledges.amountMinor));
  const attempts = rows.length
    ? await db
        .select()
        .from(paymentAttempts)
        .where(
          and(
            inArray(
              paymentAttempts.pledgeId,
              rows.map((r) => r.pledge.id),
            ),
            sql`${paymentAttempts.operation} like 'payment-intent.%'`,
          ),
        )
        .orderBy(desc(paymentAttempts.createdAt))
    : [];
  return {
    initiative,
    summary: await fundingSummary(db, initiative),
    pledges: rows.map((r) => ({
      ...r,
      attempts: attempts.filter((a) => a.pledgeId === r.pledge.id),
    })),
  };
}

/** Staff set the smallest pledge an open initiative accepts (issue 10, item 1). */
export async function setMinimumPledge(db: Db, staffId: string, initiativeId: string, amount: string) {
  return db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative) throw new NotFoundError("No such initiative.");
    if (initiative.status !== "open")
      throw new ValidationError({ minPledge: ["The smallest pledge is fixed once pledging has closed."] });
    const minor = parseMajorAmount(amount, initiative.currency);
    if (!minor || minor <= 0)
      throw new ValidationError({ minPledge: ["Enter an amount above zero, like 100."] });
    await tx.update(initiatives).set({ minPledgeMinor: minor }).where(eq(initiatives.id, initiativeId));
    await recordAudit(tx, {
      actorId: staffId,
      action: "initiative.min-pledge",
      subjectType: "initiative",
      subjectId: initiativeId,
      organizationId: initiative.organizationId,
      details: { minPledgeMinor: minor, currency: initiative.currency },
    });
  });
}

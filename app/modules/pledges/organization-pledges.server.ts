import { and, desc, eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { initiatives, pledges, pledgeTransitions, receipts } from "#db/schema";
import { env } from "~/lib/env.server";
import { ConflictError, NotFoundError } from "~/lib/errors";
import { confirmOnSession } from "~/modules/payments/charges.server";
import { ensureCustomer } from "~/modules/payments/customers.server";
import { pledgerContext, startCardSetup, type Viewer } from "./pledges.server";

// An organization's pledges as its people see them (issue 10, section 4): one pledge
// with its history and receipt, the list on billing, the "Fix payment" banner, and
// the two ways to fix a failed payment (a new card, or confirming with the bank).

/** One pledge of an organization the viewer belongs to, with its initiative. */
export async function pledgeOfOrganization(db: Db, organizationId: string, pledgeId: string) {
  const [row] = await db
    .select({ pledge: pledges, initiative: initiatives })
    .from(pledges)
    .innerJoin(initiatives, eq(initiatives.id, pledges.initiativeId))
    .where(and(eq(pledges.id, pledgeId), eq(pledges.organizationId, organizationId)));
  if (!row) throw new NotFoundError("No such pledge.");
  return row;
}

/** An organization's pledges, newest first, with their initiatives. */
export function pledgesOfOrganization(db: Db, organizationId: string) {
  return db
    .select({
      pledge: pledges,
      initiative: {
        id: initiatives.id,
        slug: initiatives.slug,
        title: initiatives.title,
        status: initiatives.status,
        pledgeDeadline: initiatives.pledgeDeadline,
      },
    })
    .from(pledges)
    .innerJoin(initiatives, eq(initiatives.id, pledges.initiativeId))
    .where(eq(pledges.organizationId, organizationId))
    .orderBy(desc(pledges.updatedAt));
}

/** Saves a new card for a pledge on Stripe's page (replacing a card, or fixing a failed payment). */
export async function replacePledgeCard(
  db: Db,
  viewer: Viewer,
  organizationSlug: string,
  pledgeId: string,
  returnOrigin = env().appUrl,
) {
  const [row] = await db.select().from(pledges).where(eq(pledges.id, pledgeId));
  if (!row) throw new NotFoundError("No such pledge.");
  const { organization } = await pledgerContext(db, viewer, row.organizationId);
  if (organization.slug !== organizationSlug) throw new NotFoundError("No such pledge.");
  if (!["pending", "committed", "collecting", "failed"].includes(row.status))
    throw new ConflictError("This pledge no longer takes a card.");
  const customerId = await ensureCustomer(
    db,
    organization,
    { email: viewer.email, name: viewer.name },
    viewer.id,
  );
  return startCardSetup(db, viewer.id, row, organization.slug, customerId, returnOrigin);
}

/**
 * The pledger comes back to confirm a payment the bank wants authenticated: the
 * same PaymentIntent is confirmed on-session. Returns the bank's page, or null when
 * no authentication was needed after all (the webhook then records the payment).
 */
export async function confirmPledgePayment(
  db: Db,
  viewer: Viewer,
  organizationSlug: string,
  pledgeId: string,
  returnOrigin = env().appUrl,
) {
  const [row] = await db.select().from(pledges).where(eq(pledges.id, pledgeId));
  if (!row) throw new NotFoundError("No such pledge.");
  const { organization } = await pledgerContext(db, viewer, row.organizationId);
  if (organization.slug !== organizationSlug) throw new NotFoundError("No such pledge.");
  if (
    row.status !== "failed" ||
    row.recovery !== "authenticate" ||
    !row.paymentIntentId ||
    !row.paymentMethodId
  )
    throw new ConflictError("This pledge has no payment waiting for confirmation.");
  const result = await confirmOnSession(db, {
    organizationId: row.organizationId,
    pledgeId: row.id,
    actorId: viewer.id,
    paymentIntentId: row.paymentIntentId,
    paymentMethodId: row.paymentMethodId,
    returnUrl: `${returnOrigin}/orgs/${organization.slug}/pledges/${row.id}?payment=returned`,
  });
  if ("outcome" in result && result.outcome)
    throw new ConflictError(
      `The bank refused the payment: ${"message" in result.outcome ? result.outcome.message : "declined"}`,
    );
  return result.redirectUrl;
}

/** A pledge's history, oldest first. */
export function pledgeHistory(db: Db, pledgeId: string) {
  return db
    .select()
    .from(pledgeTransitions)
    .where(eq(pledgeTransitions.pledgeId, pledgeId))
    .orderBy(pledgeTransitions.at);
}

/** Pledges of an organization whose payment failed: the "Fix payment" banner (issue 10, item 2). */
export function failedPledgesOf(db: Db, organizationId: string) {
  return db
    .select({ id: pledges.id, title: initiatives.title, windowEndsAt: pledges.windowEndsAt })
    .from(pledges)
    .innerJoin(initiatives, eq(initiatives.id, pledges.initiativeId))
    .where(and(eq(pledges.organizationId, organizationId), eq(pledges.status, "failed")));
}

/** The receipt of a paid pledge, if any. */
export async function receiptOfPledge(db: Db, pledgeId: string) {
  const [row] = await db
    .select({ id: receipts.id, number: receipts.number })
    .from(receipts)
    .where(eq(receipts.pledgeId, pledgeId));
  return row ?? null;
}

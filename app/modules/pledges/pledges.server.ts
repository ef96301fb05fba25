import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import { initiatives, organizations, pledges } from "#db/schema";
import { assertAddress } from "~/lib/address.server";
import { env } from "~/lib/env.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { formatMoney, parseMajorAmount } from "~/lib/money";
import { lockInitiative } from "~/modules/initiatives/initiatives.server";
import { isPubliclyVisible } from "~/modules/initiatives/workflow";
import { loadOrganizationFor } from "~/modules/organizations/organizations.server";
import { savedCards } from "~/modules/payments/charge-state.server";
import { createSetupCheckout } from "~/modules/payments/checkout.server";
import { ensureCustomer, updateCustomerBilling } from "~/modules/payments/customers.server";
import { finalDayProblem } from "./final-day.server";
import { notifyPledge } from "./notices.server";
import type { PledgeForm } from "./schemas";
import { createPledgeRow, movePledge } from "./workflow";

// Pledging (issue 10, section 1): an admin or owner pledges in the organization's
// name to an open initiative, with a saved card (Checkout in setup mode) or against an
// invoice issued at funding. Changes are made under a lock on the initiative, where
// the final-day rule is checked, so two changes cannot both pass it.

export type Viewer = { id: string; isStaff: boolean; email: string; name: string };
export type Pledge = typeof pledges.$inferSelect;

async function lockOpenInitiative(tx: Tx, initiativeId: string, now = new Date()) {
  const initiative = await lockInitiative(tx, initiativeId);
  if (!initiative || !isPubliclyVisible(initiative)) throw new NotFoundError("No such initiative.");
  if (initiative.status !== "open" || (initiative.pledgeDeadline && initiative.pledgeDeadline <= now))
    throw new ConflictError("This initiative no longer takes pledge changes: its pledging has closed.");
  return initiative;
}

export async function pledgerContext(db: Db, viewer: Viewer, organizationId: string) {
  const [org] = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new ValidationError({ organizationId: ["Choose one of your organizations."] });
  // Staff are not admins of other organizations: pledging needs an admin role.
  return loadOrganizationFor(db, org.slug, { id: viewer.id, isStaff: false }, "pledge").catch((error) => {
    if (error instanceof ForbiddenError || error instanceof NotFoundError)
      throw new ForbiddenError("Only an admin or owner of the organization can pledge in its name.");
    throw error;
  });
}

export type SavedPledge = { pledge: Pledge; organizationSlug: string; checkoutUrl: string | null };

/**
 * Creates or changes the organization's pledge. A new card is saved on Stripe's page
 * (the pledge stays `pending` until Stripe confirms it); a saved card or an invoice
 * commits at once. Returns where to send the browser next.
 */
export async function savePledge(
  db: Db,
  viewer: Viewer,
  initiativeId: string,
  form: PledgeForm,
  /** Where Stripe sends the person back (app/lib/return-origin.server.ts); APP_URL by default. */
  returnOrigin = env().appUrl,
): Promise<SavedPledge> {
  const { organization } = await pledgerContext(db, viewer, form.organizationId);
  const [target] = await db.select().from(initiatives).where(eq(initiatives.id, initiativeId));
  if (!target || !isPubliclyVisible(target)) throw new NotFoundError("No such initiative.");
  if (form.method === "invoice") assertAddress(form);
  const amount = parseMajorAmount(form.amount, target.currency);
  if (amount === null) throw new ValidationError({ amount: ["Enter an amount like 2500 or 2500.50."] });
  if (amount < target.minPledgeMinor)
    throw new ValidationError({
      amount: [
        `The smallest pledge is ${formatMoney({ amountMinor: target.minPledgeMinor, currency: target.currency })}.`,
      ],
    });

  // Stripe first, outside any transaction: the customer, its saved card, its billing details.
  const customerId = await ensureCustomer(
    db,
    organization,
    { email: viewer.email, name: viewer.name },
    viewer.id,
  );
  let card: Awaited<ReturnType<typeof savedCards>>[number] | null = null;
  if (form.method === "card" && form.card !== "new") {
    card = (await savedCards(customerId)).find((c) => c.id === form.card) ?? null;
    if (!card)
      throw new ValidationError({ card: ["That card is no longer saved; choose another or add a new one."] });
  }
  if (form.method === "invoice")
    await updateCustomerBilling(db, organization.id, {
      billingName: form.contactName,
      billingEmail: form.contactEmail,
      addressLine1: form.addressLine1,
      city: form.city,
      postalCode: form.postalCode,
      country: form.country,
    });

  const pledge = await db.transaction(async (tx) => {
    const initiative = await lockOpenInitiative(tx, initiativeId);
    const [existing] = await tx
      .select()
      .from(pledges)
      .where(and(eq(pledges.initiativeId, initiative.id), eq(pledges.organizationId, organization.id)))
      .for("update");
    const wasCounted = existing?.status === "committed";
    const keepsCard =
      form.method === "card" &&
      form.card === "current" &&
      existing?.method === "card" &&
      !!existing.paymentMethodId;
    const waitsForCard = form.method === "card" && form.card === "new";
    // A committed pledge waiting for a new card stays committed on what it had until Stripe confirms the card.
    const counted = form.method === "invoice" || card !== null || keepsCard || (wasCounted && waitsForCard);
    const problem = await finalDayProblem(tx, initiative, {
      organizationId: organization.id,
      fromMinor: wasCounted ? existing!.amountMinor : 0,
      toMinor: amount,
      fromCounted: wasCounted,
      toCounted: counted,
    });
    if (problem) throw new ValidationError({ amount: [problem] });
    const details = {
      amountMinor: amount,
      currency: initiative.currency,
      // The method switches to card when Stripe confirms the new card (stripe-events.server.ts).
      ...(waitsForCard && wasCounted ? {} : { method: form.method }),
      showName: form.showName === "yes",
      showAmount: form.showAmount === "yes",
      message: form.message,
      // A committed invoice pledge waiting for a new card keeps its invoice details until the card is saved.
      ...(waitsForCard && wasCounted
        ? {}
        : {
            invoiceContact:
              form.method === "invoice"
                ? {
                    name: form.contactName,
                    email: form.contactEmail,
                    poNumber: form.poNumber,
                    taxId: form.taxId,
                    addressLine1: form.addressLine1,
                    city: form.city,
                    postalCode: form.postalCode,
                    country: form.country,
                  }
                : null,
          }),
      ...(card
        ? {
            paymentMethodId: card.id,
            cardBrand: card.brand,
            cardLast4: card.last4,
            cardExpMonth: card.expMonth,
            cardExpYear: card.expYear,
          }
        : form.method === "invoice"
          ? { paymentMethodId: null, cardBrand: null, cardLast4: null, cardExpMonth: null, cardExpYear: null }
          : {}),
    };
    const to = counted ? "committed" : "pending";
    const reason = existing
      ? `changed to ${formatMoney({ amountMinor: amount, currency: initiative.currency })}`
      : `pledged ${formatMoney({ amountMinor: amount, currency: initiative.currency })}`;
    if (!existing)
      return createPledgeRow(
        tx,
        {
          ...details,
          method: form.method,
          initiativeId: initiative.id,
          organizationId: organization.id,
          createdById: viewer.id,
          status: to,
        },
        { by: "admin", actorId: viewer.id, reason },
      );
    if (!["pending", "committed", "canceled"].includes(existing.status))
      throw new ConflictError("This pledge can no longer be changed.");
    return movePledge(tx, existing, to, { by: "admin", actorId: viewer.id, reason }, details);
  });

  const organizationSlug = organization.slug;
  if (form.method === "card" && form.card === "new")
    return {
      pledge,
      organizationSlug,
      checkoutUrl: await startCardSetup(db, viewer.id, pledge, organizationSlug, customerId, returnOrigin),
    };
  await notifyPledge(db, { kind: "committed", pledgeId: pledge.id });
  return { pledge, organizationSlug, checkoutUrl: null };
}

/** Starts Checkout in setup mode for a pledge's card (a new pledge, or replacing a card). */
export async function startCardSetup(
  db: Db,
  actorId: string,
  pledge: Pledge,
  organizationSlug: string,
  customerId: string,
  returnOrigin = env().appUrl,
) {
  const pledgeUrl = `${returnOrigin}/orgs/${organizationSlug}/pledges/${pledge.id}`;
  const session = await createSetupCheckout(db, {
    organizationId: pledge.organizationId,
    pledgeId: pledge.id,
    actorId,
    customerId,
    currency: pledge.currency,
    metadata: { purpose: "pledge", pledgeId: pledge.id, organizationId: pledge.organizationId },
    successUrl: `${pledgeUrl}?card=saved`,
    cancelUrl: `${pledgeUrl}?card=canceled`,
  });
  await db.update(pledges).set({ setupSessionId: session.id }).where(eq(pledges.id, pledge.id));
  return session.url;
}

/** Cancels an organization's pledge while the initiative is open (the final-day rule applies). */
export async function cancelPledge(db: Db, viewer: Viewer, pledgeId: string) {
  const [row] = await db.select().from(pledges).where(eq(pledges.id, pledgeId));
  if (!row) throw new NotFoundError("No such pledge.");
  await pledgerContext(db, viewer, row.organizationId);
  const canceled = await db.transaction(async (tx) => {
    const initiative = await lockOpenInitiative(tx, row.initiativeId);
    const [pledge] = await tx.select().from(pledges).where(eq(pledges.id, pledgeId)).for("update");
    if (!pledge || !["pending", "committed"].includes(pledge.status))
      throw new ConflictError("Only a pending or committed pledge can be canceled.");
    const problem = await finalDayProblem(tx, initiative, {
      organizationId: pledge.organizationId,
      fromMinor: pledge.status === "committed" ? pledge.amountMinor : 0,
      toMinor: 0,
      fromCounted: pledge.status === "committed",
      toCounted: false,
    });
    if (problem) throw new ConflictError(problem);
    return movePledge(tx, pledge, "canceled", {
      by: "admin",
      actorId: viewer.id,
      reason: "canceled by the pledger",
    });
  });
  return canceled;
}

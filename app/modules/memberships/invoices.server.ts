import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { billingProfiles, memberships, membershipTiers } from "#db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import { idempotencyKey, stripe } from "~/modules/payments/stripe.server";
import { ensureStripeCustomer, LIVE_STATUSES } from "./memberships.server";
import type { InvoiceRequest } from "./schemas";

// Joining by invoice (issue 3, item 8): a Stripe invoice, net 30, whose payment
// (reported by webhook) activates the membership. Until then it is pending.

export const INVOICE_DAYS_UNTIL_DUE = 30;

export async function requestMembershipInvoice(db: Db, context: OrganizationContext, input: InvoiceRequest) {
  if (!can(context.actor, "manage-billing"))
    throw new ForbiddenError("Only organization admins can manage billing.");
  const [tier] = await db
    .select()
    .from(membershipTiers)
    .where(and(eq(membershipTiers.id, input.tierId), eq(membershipTiers.isActive, true)));
  if (!tier || tier.isSubsidised)
    throw new ValidationError({ tierId: ["Choose one of the paid tiers on offer."] });
  const live = await db
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, context.organization.id),
        inArray(memberships.status, [...LIVE_STATUSES]),
      ),
    );
  if (live.some((m) => !(m.status === "pending" && m.method === "card" && !m.stripeSubscriptionId))) {
    throw new ConflictError("This organization already has a membership or an open invoice.");
  }

  const customerId = await ensureStripeCustomer(db, context, {
    email: input.billingEmail,
    name: input.billingName,
  });
  await stripe().customers.update(customerId, {
    email: input.billingEmail,
    address: {
      line1: input.addressLine1,
      city: input.city,
      postal_code: input.postalCode || undefined,
      country: input.country,
    },
    metadata: { billingContact: input.billingName },
  });
  await db
    .update(billingProfiles)
    .set({ billingEmail: input.billingEmail, billingName: input.billingName })
    .where(eq(billingProfiles.organizationId, context.organization.id));

  return db.transaction(async (tx) => {
    for (const stale of live) await tx.delete(memberships).where(eq(memberships.id, stale.id));
    const [membership] = await tx
      .insert(memberships)
      .values({
        organizationId: context.organization.id,
        tierId: tier.id,
        method: "invoice",
        status: "pending",
        amountMinor: tier.priceMinor,
        currency: tier.currency,
        poNumber: input.poNumber || null,
        requestedById: context.actor.userId,
      })
      .returning();
    const id = membership!.id;
    const customFields = [
      ...(input.poNumber ? [{ name: "PO number", value: input.poNumber }] : []),
      ...(input.taxId ? [{ name: "Tax ID", value: input.taxId }] : []),
    ];
    const draft = await stripe().invoices.create(
      {
        customer: customerId,
        collection_method: "send_invoice",
        days_until_due: INVOICE_DAYS_UNTIL_DUE,
        auto_advance: false,
        metadata: { membershipId: id, organizationId: context.organization.id },
        ...(customFields.length ? { custom_fields: customFields } : {}),
      },
      { idempotencyKey: idempotencyKey("membership-invoice", id) },
    );
    await stripe().invoiceItems.create(
      {
        customer: customerId,
        invoice: draft.id!,
        amount: tier.priceMinor,
        currency: tier.currency.toLowerCase(),
        description: `Commons membership: ${tier.name} (one year)`,
      },
      { idempotencyKey: idempotencyKey("membership-invoice-item", id) },
    );
    const finalized = await stripe().invoices.finalizeInvoice(
      draft.id!,
      {},
      { idempotencyKey: idempotencyKey("membership-invoice-finalize", id) },
    );
    await stripe().invoices.sendInvoice(
      finalized.id!,
      {},
      { idempotencyKey: idempotencyKey("membership-invoice-send", id) },
    );
    await tx
      .update(memberships)
      .set({ stripeInvoiceId: finalized.id!, invoiceUrl: finalized.hosted_invoice_url ?? null })
      .where(eq(memberships.id, id));
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "membership.invoice_requested",
      subjectType: "membership",
      subjectId: id,
      organizationId: context.organization.id,
      details: {
        tier: tier.name,
        amountMinor: tier.priceMinor,
        invoice: finalized.number,
        poNumber: input.poNumber || null,
      },
    });
    return { membershipId: id, invoiceUrl: finalized.hosted_invoice_url ?? null, number: finalized.number };
  });
}

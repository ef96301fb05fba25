import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { membershipTiers } from "#db/schema";
import { assertAddress } from "~/lib/address.server";
import { ConflictError, ForbiddenError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import { ensureCustomer, updateCustomerBilling } from "~/modules/payments/customers.server";
import { sendInvoice } from "~/modules/payments/invoices.server";
import { isUnpaidCheckout, liveMemberships, retireUnpaidCheckouts } from "./memberships.server";
import type { InvoiceRequest } from "./schemas";
import { productOfTier } from "./tiers.server";
import { createMembership, updateMembershipDetails } from "./workflow";

// Joining by invoice (issue 3, item 8): a Stripe invoice, net 30, whose payment
// (confirmed by Stripe) activates the membership. Until then it is pending.

export const INVOICE_DAYS_UNTIL_DUE = 30;

export async function requestMembershipInvoice(db: Db, context: OrganizationContext, input: InvoiceRequest) {
  if (!can(context.actor, "manage-billing"))
    throw new ForbiddenError("Only organization admins can manage billing.");
  assertAddress(input);
  const [tier] = await db
    .select()
    .from(membershipTiers)
    .where(and(eq(membershipTiers.id, input.tierId), eq(membershipTiers.isActive, true)));
  if (!tier || tier.isSubsidised)
    throw new ValidationError({ tierId: ["Choose one of the paid tiers on offer."] });
  const organization = context.organization;
  const live = await liveMemberships(db, organization.id);
  if (live.some((m) => !isUnpaidCheckout(m)))
    throw new ConflictError("This organization already has a membership or an open invoice.");

  const actorId = context.actor.userId;
  const customerId = await ensureCustomer(
    db,
    organization,
    { email: input.billingEmail, name: input.billingName },
    actorId,
  );
  await updateCustomerBilling(db, organization.id, input);
  const productId = await productOfTier(db, tier);
  const retire = await retireUnpaidCheckouts(live, actorId, "replaced by an invoice request");
  const membership = await db.transaction(async (tx) => {
    await retire(tx);
    return createMembership(
      tx,
      {
        organizationId: organization.id,
        tierId: tier.id,
        method: "invoice",
        status: "pending",
        amountMinor: tier.priceMinor,
        currency: tier.currency,
        poNumber: input.poNumber || null,
        requestedById: actorId,
      },
      { by: "admin", actorId, reason: `invoice requested for ${tier.name}` },
    );
  });
  const invoice = await sendInvoice(db, {
    organizationId: organization.id,
    membershipId: membership.id,
    actorId,
    customerId,
    daysUntilDue: INVOICE_DAYS_UNTIL_DUE,
    metadata: { purpose: "membership", membershipId: membership.id, organizationId: organization.id },
    customFields: [
      ...(input.poNumber ? [{ name: "PO number", value: input.poNumber }] : []),
      ...(input.taxId ? [{ name: "Tax ID", value: input.taxId }] : []),
    ],
    line: {
      productId,
      unitAmountMinor: tier.priceMinor,
      currency: tier.currency,
      description: `Commons membership: ${tier.name} (one year)`,
    },
  });
  await db.transaction(async (tx) => {
    await updateMembershipDetails(tx, membership.id, {
      stripeInvoiceId: invoice.id!,
      invoiceUrl: invoice.hosted_invoice_url ?? null,
    });
    await recordAudit(tx, {
      actorId,
      action: "membership.invoice_requested",
      subjectType: "membership",
      subjectId: membership.id,
      organizationId: organization.id,
      details: {
        tier: tier.name,
        amountMinor: tier.priceMinor,
        currency: tier.currency,
        invoice: invoice.number,
        poNumber: input.poNumber || null,
      },
    });
  });
  return {
    membershipId: membership.id,
    invoiceUrl: invoice.hosted_invoice_url ?? null,
    number: invoice.number,
  };
}

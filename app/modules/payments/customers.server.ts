import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { billingProfiles } from "#db/schema";
import { resumeOrAttemptStripe } from "./attempts.server";
import { stripe } from "./stripe.server";

// One Stripe customer per organization, with its billing contact (issue 9, section 2).

export type BillingOrganization = { id: string; name: string; slug: string };

export async function billingProfileOf(db: Db, organizationId: string) {
  const [profile] = await db
    .select()
    .from(billingProfiles)
    .where(eq(billingProfiles.organizationId, organizationId));
  return profile ?? null;
}

/** The organization's Stripe customer, created on first use (resuming an interrupted creation). */
export async function ensureCustomer(
  db: Db,
  organization: BillingOrganization,
  contact: { email: string; name: string },
  actorId: string | null,
) {
  const existing = await billingProfileOf(db, organization.id);
  if (existing) return existing.stripeCustomerId;
  const customer = await resumeOrAttemptStripe(
    db,
    {
      operation: "customer.create",
      organizationId: organization.id,
      actorId,
      request: {
        name: organization.name,
        email: contact.email,
        metadata: { organizationId: organization.id, slug: organization.slug },
      },
    },
    (params, options) => stripe().customers.create(params, options),
  );
  await db
    .insert(billingProfiles)
    .values({
      organizationId: organization.id,
      stripeCustomerId: customer.id,
      billingEmail: contact.email,
      billingName: contact.name,
    })
    .onConflictDoNothing();
  return (await billingProfileOf(db, organization.id))!.stripeCustomerId;
}

export type BillingDetails = {
  billingName: string;
  billingEmail: string;
  addressLine1: string;
  city: string;
  postalCode: string;
  country: string;
};

/** Puts the billing contact and address on the customer (they print on invoices and receipts). */
export async function updateCustomerBilling(db: Db, organizationId: string, details: BillingDetails) {
  const profile = await billingProfileOf(db, organizationId);
  if (!profile) throw new Error("the organization has no Stripe customer yet");
  await stripe().customers.update(profile.stripeCustomerId, {
    email: details.billingEmail,
    address: {
      line1: details.addressLine1,
      city: details.city,
      postal_code: details.postalCode || undefined,
      country: details.country,
    },
    metadata: { billingContact: details.billingName },
  });
  await db
    .update(billingProfiles)
    .set({ billingEmail: details.billingEmail, billingName: details.billingName })
    .where(eq(billingProfiles.organizationId, organizationId));
}

/** A Stripe billing-portal session for the organization's customer; returns its URL. */
export async function billingPortalUrl(customerId: string, returnUrl: string) {
  const portal = await stripe().billingPortal.sessions.create({
    customer: customerId,
    return_url: returnUrl,
  });
  return portal.url;
}

import { recordMembershipPayment } from "../../app/modules/ledger/movements.server";
import {
  createMembership,
  moveMembership,
  updateMembershipDetails,
} from "../../app/modules/memberships/workflow";
import type { Tx } from "../client.server";
import { membershipTiers, receipts, subsidyApplications } from "../schema";

// Demo memberships (issue 13, item 4): some organizations are members, the rest only
// participate, so the directory and the home page's counts mean something. Written through
// the membership workflow and the ledger as the real flows would, without Stripe and email:
//
// - Paid memberships are invoices settled by bank transfer (Stripe's "paid out of band"):
//   pending when the invoice was requested, active when Stripe said it was paid, one ledger
//   payment with no processor fee, one receipt. Their invoice ids are demo ids Stripe does
//   not know, so every payment is dated before the reconciliation window (35 days), as
//   yearly dues usually are; db/seed/seed.test.ts runs reconciliation to keep it so.
// - Subsidised memberships are applications staff approved with a reason.
//
// No card memberships: one would need a live subscription at Stripe (reconciliation
// compares what it renews at), so `past_due` (a failed card renewal) is not seeded either.

const DAY = 86_400_000;
const YEAR = 365 * DAY;

type PaidSeed = {
  org: string;
  method: "invoice";
  tier: "Standard" | "Institution" | "Consortium";
  paidDaysAgo: number;
  invoice: string;
  poNumber: string;
  payer: { name: string; email: string; line1: string; city: string; postalCode: string; country: string };
};
type SubsidySeed = {
  org: string;
  method: "subsidy";
  approvedDaysAgo: number;
  statement: string;
  reason: string;
};
export type MembershipSeed = PaidSeed | SubsidySeed;

export const MEMBERSHIPS: MembershipSeed[] = [
  {
    org: "northbridge-university",
    method: "invoice",
    tier: "Institution",
    paidDaysAgo: 131,
    invoice: "COMMONS-DEMO-0007",
    poNumber: "NBU-PO-448120",
    payer: {
      name: "Northbridge University, Research Computing",
      email: "rc-finance@northbridge.example.edu",
      line1: "200 College Avenue",
      city: "Northbridge",
      postalCode: "60201",
      country: "US",
    },
  },
  {
    org: "coastal-ocean-lab",
    method: "invoice",
    tier: "Standard",
    paidDaysAgo: 214,
    invoice: "COMMONS-DEMO-0004",
    poNumber: "COL-2026-0113",
    payer: {
      name: "Coastal Ocean Lab",
      email: "accounts@coastal-ocean.example.org",
      line1: "Harbour Road 12",
      city: "Galway",
      postalCode: "H91 TK33",
      country: "IE",
    },
  },
  {
    // A member that keeps its membership private (show_membership off): counted, not named.
    org: "open-climate-society",
    method: "invoice",
    tier: "Institution",
    paidDaysAgo: 68,
    invoice: "COMMONS-DEMO-0011",
    poNumber: "OCS-FY27-031",
    payer: {
      name: "Open Climate Society",
      email: "treasurer@openclimate.example.org",
      line1: "1800 Mesa Drive",
      city: "Boulder",
      postalCode: "80305",
      country: "US",
    },
  },
  {
    org: "astro-data-collective",
    method: "invoice",
    tier: "Standard",
    paidDaysAgo: 97,
    invoice: "COMMONS-DEMO-0009",
    poNumber: "",
    payer: {
      name: "Astro Data Collective (fiscal host: Open Science Fund)",
      email: "finance@astrodata.example.org",
      line1: "45 Observatory Lane",
      city: "Tucson",
      postalCode: "85721",
      country: "US",
    },
  },
  {
    org: "hydrology-commons",
    method: "subsidy",
    approvedDaysAgo: 290,
    statement:
      "Thirty universities' hydrology courses share our two hubs; the maintainers are volunteers and the cloud bill is paid from a small teaching grant, so a membership fee would come out of compute.",
    reason:
      "A volunteer-run community serving students at thirty universities, several of them in lower-income regions: this is what the subsidy pool is for. Please report user numbers each term.",
  },
  {
    org: "rural-schools-data",
    method: "subsidy",
    approvedDaysAgo: 160,
    statement:
      "We teach data literacy in 40 rural secondary schools on donated cloud credits. Teachers run the hub in their spare time and schools have no budget line for software.",
    reason:
      "Secondary-school teachers on donated infrastructure, reaching students nobody else in the network reaches. Approved for a year; tell us if the donated credits end.",
  },
];

export async function seedMemberships(
  tx: Tx,
  ids: { organizations: Map<string, string>; ownerOf: Map<string, string> },
  staffId: string,
) {
  const tiers = new Map((await tx.select().from(membershipTiers)).map((t) => [t.name, t]));
  const now = Date.now();
  for (const seed of MEMBERSHIPS) {
    const organizationId = ids.organizations.get(seed.org)!;
    const ownerId = ids.ownerOf.get(seed.org) ?? null;
    if (seed.method === "subsidy") {
      const tier = tiers.get("Community")!;
      const approvedAt = new Date(now - seed.approvedDaysAgo * DAY);
      const membership = await createMembership(
        tx,
        {
          organizationId,
          tierId: tier.id,
          method: "subsidy",
          status: "active",
          amountMinor: 0,
          currency: tier.currency,
          currentPeriodStart: approvedAt,
          currentPeriodEnd: new Date(approvedAt.getTime() + YEAR),
          requestedById: ownerId,
          createdAt: approvedAt,
        },
        { by: "staff", actorId: staffId, reason: `subsidy approved: ${seed.reason}` },
      );
      await updateMembershipDetails(tx, membership.id, { activatedAt: approvedAt });
      await tx.insert(subsidyApplications).values({
        organizationId,
        tierId: tier.id,
        statement: seed.statement,
        status: "approved",
        appliedById: ownerId,
        decidedById: staffId,
        decisionReason: seed.reason,
        decidedAt: approvedAt,
        membershipId: membership.id,
        createdAt: new Date(approvedAt.getTime() - 9 * DAY),
      });
      continue;
    }

    const tier = tiers.get(seed.tier)!;
    const paidAt = new Date(now - seed.paidDaysAgo * DAY);
    const invoiceId = `demo_in_${seed.invoice.slice(-4)}`; // not a Stripe id (see above)
    const pending = await createMembership(
      tx,
      {
        organizationId,
        tierId: tier.id,
        method: "invoice",
        status: "pending",
        amountMinor: tier.priceMinor,
        currency: tier.currency,
        poNumber: seed.poNumber || null,
        stripeInvoiceId: invoiceId,
        requestedById: ownerId,
        createdAt: new Date(paidAt.getTime() - 24 * DAY),
      },
      { by: "admin", actorId: ownerId, reason: `invoice requested for ${tier.name}` },
    );
    const active = await moveMembership(
      tx,
      pending,
      "active",
      { by: "stripe", actorId: null, reason: `invoice ${seed.invoice} paid (bank transfer)` },
      { currentPeriodStart: paidAt, currentPeriodEnd: new Date(paidAt.getTime() + YEAR) },
    );
    await updateMembershipDetails(tx, active.id, { activatedAt: paidAt });
    await recordMembershipPayment(tx, {
      invoiceId,
      amountMinor: tier.priceMinor,
      currency: tier.currency,
      organizationId,
      membershipId: active.id,
      occurredAt: paidAt,
      description: `Membership invoice ${seed.invoice}`,
    });
    const description = `Commons membership: ${tier.name} (one year)`;
    await tx.insert(receipts).values({
      organizationId,
      membershipId: active.id,
      stripeInvoiceId: invoiceId,
      number: seed.invoice,
      paidAt,
      payerName: seed.payer.name,
      payerEmail: seed.payer.email,
      billingAddress: {
        line1: seed.payer.line1,
        line2: null,
        city: seed.payer.city,
        postalCode: seed.payer.postalCode,
        state: null,
        country: seed.payer.country,
      },
      poNumber: seed.poNumber || null,
      lines: [{ description, quantity: 1, amountMinor: tier.priceMinor }],
      amountMinor: tier.priceMinor,
      currency: tier.currency,
      // Paid out of band, an invoice has no PaymentIntent: the receipt names the invoice.
      processorReference: invoiceId,
    });
  }
}

import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  emailMessages,
  memberships,
  membershipTiers,
  membershipTransitions,
  paymentAttempts,
  paymentExceptions,
  receipts,
  stripeEvents,
  subsidyApplications,
} from "#db/schema";
import { addMember, buildOrganization, buildUser } from "#tests/factories";
import { ConflictError } from "~/lib/errors";
import { ledgerIntegrityProblems } from "~/modules/ledger/integrity.server";
import { organizationPayments } from "~/modules/ledger/queries.server";
import { reconcileLedger } from "~/modules/ledger/reconciliation.server";
import { changeTier } from "~/modules/memberships/billing.server";
import { requestMembershipInvoice } from "~/modules/memberships/invoices.server";
import { startCardCheckout } from "~/modules/memberships/memberships.server";
import { applyForSubsidy, decideSubsidy } from "~/modules/memberships/subsidies.server";
import { loadOrganizationFor } from "~/modules/organizations/organizations.server";
import { eventually, type Harness, payOnCheckoutPage, startStripeHarness } from "./stripe-harness";

// Issue 9, part 1: each money bug found, as a user or an attacker would meet it,
// against the real Stripe SDK, the emulator, the webhook receiver and the worker.

const db = getDb();
let harness: Harness;
const tiers: Record<"standard" | "institution" | "community", typeof membershipTiers.$inferSelect> =
  {} as never;

beforeAll(async () => {
  harness = await startStripeHarness();
  const rows = await db
    .insert(membershipTiers)
    .values([
      { name: "Standard", priceMinor: 500_000, currency: "USD", hubsIncluded: 2 },
      { name: "Institution", priceMinor: 1_200_000, currency: "USD", hubsIncluded: 5 },
      { name: "Community", priceMinor: 0, currency: "USD", hubsIncluded: 1, isSubsidised: true },
    ])
    .returning();
  tiers.standard = rows[0]!;
  tiers.institution = rows[1]!;
  tiers.community = rows[2]!;
});
afterAll(() => harness.stop());

async function adminOf(kind: "institution" | "community" = "institution") {
  const organization = await buildOrganization(db, { kind });
  const admin = await buildUser(db, { passwordHash: "x", email: `admin-${organization.slug}@example.org` });
  await addMember(db, organization.id, admin.id, "owner");
  const context = () => loadOrganizationFor(db, organization.slug, { id: admin.id, isStaff: false }, "view");
  return { organization, admin, context };
}

const membershipsOf = (organizationId: string) =>
  db
    .select()
    .from(memberships)
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(memberships.createdAt);
async function activeMembership(organizationId: string) {
  return eventually(async () => {
    const live = (await membershipsOf(organizationId)).find((m) => m.status === "active");
    return live ?? null;
  }, "an active membership");
}
const emailsTo = (to: string, template: string) =>
  db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.to, to), eq(emailMessages.template, template)));

async function paidCardMember(tier = tiers.standard) {
  const org = await adminOf();
  const url = await startCardCheckout(db, await org.context(), { tierId: tier.id, viewer: org.admin });
  await payOnCheckoutPage(url, "4242424242424242");
  const membership = await activeMembership(org.organization.id);
  return { ...org, membership };
}

async function invoicedMember() {
  const org = await adminOf();
  const issued = await requestMembershipInvoice(db, await org.context(), {
    tierId: tiers.institution.id,
    billingName: "Accounts Payable",
    billingEmail: "ap@example.edu",
    addressLine1: "1 University Road",
    city: "Northbridge",
    postalCode: "12345",
    country: "US",
    taxId: "US-99-1234567",
    poNumber: "PO-2026-0042",
  });
  const [m] = await membershipsOf(org.organization.id);
  return { ...org, issued, membership: m! };
}

describe("1. switching tiers", () => {
  it("Standard → Institution → Standard → Institution in a day: Stripe renews at Institution, the paid tier stays until then, then the renewal switches it", async () => {
    const { organization, admin, context, membership } = await paidCardMember();
    expect(await changeTier(db, await context(), tiers.institution.id)).toBe("scheduled");
    expect(await changeTier(db, await context(), tiers.standard.id)).toBe("scheduled");
    expect(await changeTier(db, await context(), tiers.institution.id)).toBe("scheduled");

    // What Stripe will charge at renewal: the last choice, on the Institution tier's own Product.
    const subscription = harness.emulator.store.get(
      membership.stripeSubscriptionId!,
    ) as unknown as Stripe.Subscription;
    const [institution] = await db
      .select()
      .from(membershipTiers)
      .where(eq(membershipTiers.id, tiers.institution.id));
    expect(subscription.items.data[0]!.price).toMatchObject({
      unit_amount: 1_200_000,
      product: institution!.stripeProductId,
    });
    // Each switch was its own attempt with its own key.
    const attempts = await db
      .select()
      .from(paymentAttempts)
      .where(
        and(
          eq(paymentAttempts.membershipId, membership.id),
          eq(paymentAttempts.operation, "subscription.change-price"),
        ),
      );
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.idempotencyKey)).size).toBe(3);
    expect(attempts.every((a) => a.status === "succeeded")).toBe(true);

    // Commons keeps the paid tier until the renewal, and says what comes next.
    const [scheduled] = await membershipsOf(organization.id);
    expect(scheduled).toMatchObject({
      tierId: tiers.standard.id,
      amountMinor: 500_000,
      nextTierId: tiers.institution.id,
      nextAmountMinor: 1_200_000,
    });
    await harness.emulator.events.idle();
    const check = await reconcileLedger(db);
    const { reconciliationIssues } = await import("#db/schema");
    const problems = await db
      .select()
      .from(reconciliationIssues)
      .where(eq(reconciliationIssues.runAt, check.runAt));
    expect(problems.filter((p) => p.processorObjectId === membership.stripeSubscriptionId)).toEqual([]);

    // A year later the renewal charges Institution, and only now does the membership show it.
    await harness.emulator.advance(366 * 86_400);
    const renewed = await eventually(async () => {
      const [m] = await membershipsOf(organization.id);
      return m!.tierId === tiers.institution.id && m;
    }, "the renewal at the new tier");
    expect(renewed).toMatchObject({
      status: "active",
      amountMinor: 1_200_000,
      nextTierId: null,
      nextAmountMinor: null,
    });
    const payments = (await organizationPayments(db, organization.id)).filter(
      (g) => g.kind === "membership_payment",
    );
    expect(payments.map((p) => p.amountMinor).sort()).toEqual([1_200_000, 500_000]);
    // Activation was announced once; each paid invoice got its own receipt.
    await eventually(async () => (await emailsTo(admin.email, "receipt")).length === 2, "two receipts");
    expect(await emailsTo(admin.email, "membership-activated")).toHaveLength(1);
    expect(await ledgerIntegrityProblems(db)).toEqual([]);
  }, 60_000);

  it("switching back to the tier already paid for clears the scheduled change", async () => {
    const { organization, context } = await paidCardMember();
    await changeTier(db, await context(), tiers.institution.id);
    await changeTier(db, await context(), tiers.standard.id);
    const [m] = await membershipsOf(organization.id);
    expect(m).toMatchObject({ tierId: tiers.standard.id, nextTierId: null, nextAmountMinor: null });
    expect(await changeTier(db, await context(), tiers.standard.id)).toBe("unchanged");
  });
});

describe("2. prices name a Product that exists", () => {
  it("Stripe refuses a price on a made-up product; every tier gets its own Product, created once", async () => {
    const { membership } = await paidCardMember();
    const client = new Stripe("sk_test_commons_emulator", {
      host: "127.0.0.1",
      port: Number(new URL(harness.emulator.url).port),
      protocol: "http",
    });
    const subscription = await client.subscriptions.retrieve(membership.stripeSubscriptionId!);
    const refused = await client.subscriptions
      .update(subscription.id, {
        items: [
          {
            id: subscription.items.data[0]!.id,
            price_data: {
              currency: "usd",
              unit_amount: 1_200_000,
              recurring: { interval: "year" },
              product: `commons-tier-${tiers.institution.id}`,
            },
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(refused).toMatchObject({ statusCode: 400, code: "resource_missing" });

    await paidCardMember(); // a second member on the same tier
    const [standard] = await db
      .select()
      .from(membershipTiers)
      .where(eq(membershipTiers.id, tiers.standard.id));
    expect(standard!.stripeProductId).toMatch(/^prod_/);
    expect(
      harness.emulator.store
        .all("product")
        .filter((p) => (p.metadata as { tierId?: string }).tierId === tiers.standard.id),
    ).toHaveLength(1);
    expect(subscription.items.data[0]!.price.product).toBe(standard!.stripeProductId);
  });
});

describe("3. a subsidy over a paid membership", () => {
  it("staff cannot approve a subsidy once the community pays by card: a clear message, the paid membership and its subscription untouched", async () => {
    const { organization, admin, context } = await adminOf("community");
    const application = await applyForSubsidy(db, await context(), {
      tierId: tiers.community.id,
      statement: "We teach 300 students a year on donated infrastructure and cannot pay a fee.",
    });
    await payOnCheckoutPage(
      await startCardCheckout(db, await context(), { tierId: tiers.standard.id, viewer: admin }),
      "4242424242424242",
    );
    const paid = await activeMembership(organization.id);
    const staff = await buildUser(db, { passwordHash: "x", isStaff: true });
    const refused = await decideSubsidy(
      db,
      { id: staff.id, isStaff: true },
      { applicationId: application.id, decision: "approve", reason: "Fits the pool." },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toMatch(/has since joined by card.*Decline the application/);

    const after = await membershipsOf(organization.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: paid.id, status: "active", method: "card" });
    expect(harness.emulator.store.get(paid.stripeSubscriptionId!)?.status).toBe("active");
    const [stillPending] = await db
      .select()
      .from(subsidyApplications)
      .where(eq(subsidyApplications.id, application.id));
    expect(stillPending!.status).toBe("pending");

    await decideSubsidy(
      db,
      { id: staff.id, isStaff: true },
      { applicationId: application.id, decision: "decline", reason: "You now hold a paid membership." },
    );
  });
});

describe("4. replacing a checkout never loses a payment", () => {
  it("an unpaid older checkout is expired at Stripe and its membership canceled, not deleted", async () => {
    const { organization, admin, context } = await adminOf();
    const first = await startCardCheckout(db, await context(), { tierId: tiers.standard.id, viewer: admin });
    await startCardCheckout(db, await context(), { tierId: tiers.institution.id, viewer: admin });
    const rows = await membershipsOf(organization.id);
    expect(rows.map((m) => m.status)).toEqual(["canceled", "pending"]);
    const sessionId = rows[0]!.stripeCheckoutSessionId!;
    expect(harness.emulator.store.get(sessionId)).toMatchObject({ status: "expired", url: null });
    // The old tab can no longer pay.
    expect((await payOnCheckoutPage(first, "4242424242424242")).status).toBeGreaterThanOrEqual(400);
    const history = await db
      .select()
      .from(membershipTransitions)
      .where(eq(membershipTransitions.membershipId, rows[0]!.id))
      .orderBy(membershipTransitions.at);
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      [null, "pending", "card checkout for Standard"],
      ["pending", "canceled", "replaced by a new checkout"],
    ]);
  });

  it("an older checkout completed in another tab before its webhook arrived: the new checkout is refused and the payment activates", async () => {
    const { organization, admin, context } = await adminOf();
    const first = await startCardCheckout(db, await context(), { tierId: tiers.standard.id, viewer: admin });
    harness.emulator.webhook.url = null; // the webhook is late
    await payOnCheckoutPage(first, "4242424242424242");
    await harness.emulator.events.idle();
    const refused = await startCardCheckout(db, await context(), {
      tierId: tiers.institution.id,
      viewer: admin,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    harness.emulator.webhook.url = harness.webhookUrl;
    for (const event of harness.emulator.store
      .all("event")
      .filter((e) => !harness.emulator.events.delivered.some((d) => d.id === e.id && d.status === 200)))
      await harness.emulator.events.deliver(event);
    const active = await activeMembership(organization.id);
    expect(active.tierId).toBe(tiers.standard.id);
    expect(await membershipsOf(organization.id)).toHaveLength(1);
  });

  it("the database refuses to delete a membership", async () => {
    const { membership } = await paidCardMember();
    const refused = await db
      .delete(memberships)
      .where(eq(memberships.id, membership.id))
      .catch((e: { cause?: Error }) => e.cause);
    expect(refused).toMatchObject({
      message: expect.stringMatching(/not allowed: money records are append-only/),
    });
    expect(await db.select().from(memberships).where(eq(memberships.id, membership.id))).toHaveLength(1);
  });
});

describe("5. the payload is not trusted", () => {
  const post = (event: object) => {
    const payload = JSON.stringify(event);
    return fetch(harness.webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": harness.emulator.events.sign(payload),
      },
      body: payload,
    });
  };

  it("a forged invoice.paid with amount_paid 1 for an unpaid $12,000 invoice activates nothing and is shown to staff", async () => {
    const { membership } = await invoicedMember();
    const invoice = structuredClone(harness.emulator.store.get(membership.stripeInvoiceId!)!);
    Object.assign(invoice, { status: "paid", amount_paid: 1, amount_remaining: 0 });
    const response = await post({
      id: "evt_forged_paid",
      object: "event",
      api_version: "2025-11-17.clover",
      created: Math.floor(Date.now() / 1000),
      type: "invoice.paid",
      data: { object: invoice },
    });
    expect(response.status).toBe(200);
    await eventually(
      async () =>
        (await db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_forged_paid")))[0]?.processedAt,
      "the forged event processed",
    );
    expect((await membershipsOf(membership.organizationId))[0]!.status).toBe("pending");
    const [exception] = await db
      .select()
      .from(paymentExceptions)
      .where(eq(paymentExceptions.processorObjectId, membership.stripeInvoiceId!));
    expect(exception).toMatchObject({
      kind: "not_paid",
      membershipId: membership.id,
      expectedMinor: 1_200_000,
    });
    expect(await organizationPayments(db, membership.organizationId)).toEqual([]);
  });

  it("an invoice paid at another amount than Commons asked for is recorded for staff, not activated", async () => {
    const { issued, membership } = await invoicedMember();
    const invoice = harness.emulator.store.get(membership.stripeInvoiceId!)!;
    Object.assign(invoice, { amount_due: 100, amount_remaining: 100, total: 100 }); // changed at Stripe
    await fetch(issued.invoiceUrl!, {
      method: "POST",
      body: new URLSearchParams({ card: "4242424242424242" }),
      redirect: "manual",
    });
    const [exception] = await eventually(async () => {
      const rows = await db
        .select()
        .from(paymentExceptions)
        .where(eq(paymentExceptions.processorObjectId, invoice.id));
      return rows.length > 0 && rows;
    }, "a payment exception");
    expect(exception).toMatchObject({
      kind: "amount_mismatch",
      expectedMinor: 1_200_000,
      actualMinor: 100,
      currency: "USD",
    });
    expect((await membershipsOf(membership.organizationId))[0]!.status).toBe("pending");
  });

  it("production refuses to start without a Stripe key and webhook secret, even pointed at an emulator", async () => {
    const { reloadEnv } = await import("~/lib/env.server");
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        NODE_ENV: "production",
        SESSION_SECRET: "a-production-secret-0123",
        APP_URL: "https://commons.example.org",
      });
      delete process.env.STRIPE_SECRET_KEY;
      delete process.env.STRIPE_WEBHOOK_SECRET;
      expect(() => reloadEnv()).toThrow(/STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set/);
      process.env.STRIPE_SECRET_KEY = "sk_live_x";
      process.env.STRIPE_WEBHOOK_SECRET = "whsec_commons_development_only";
      expect(() => reloadEnv()).toThrow(/public development value/);
      process.env.STRIPE_WEBHOOK_SECRET = "whsec_real_endpoint_secret";
      expect(reloadEnv().isProduction).toBe(true);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      reloadEnv();
    }
  });
});

describe("6. receipts", () => {
  it("an invoice paid by an institution gives a receipt with its number, payer, address, tax ID, PO number, lines and processor reference, emailed once", async () => {
    const { issued, membership, admin } = await invoicedMember();
    await fetch(issued.invoiceUrl!, {
      method: "POST",
      body: new URLSearchParams({ card: "4242424242424242" }),
      redirect: "manual",
    });
    const [receipt] = await eventually(async () => {
      const rows = await db.select().from(receipts).where(eq(receipts.membershipId, membership.id));
      return rows.length > 0 && rows;
    }, "a receipt");
    expect(receipt).toMatchObject({
      number: issued.number,
      stripeInvoiceId: membership.stripeInvoiceId,
      taxId: "US-99-1234567",
      poNumber: "PO-2026-0042",
      amountMinor: 1_200_000,
      currency: "USD",
      billingAddress: expect.objectContaining({
        line1: "1 University Road",
        city: "Northbridge",
        country: "US",
      }),
      lines: [
        expect.objectContaining({
          description: "Commons membership: Institution (one year)",
          amountMinor: 1_200_000,
        }),
      ],
    });
    expect(receipt!.processorReference).toMatch(/^pi_/);
    expect(receipt!.payerName).toBeTruthy();
    await eventually(async () => (await emailsTo(admin.email, "receipt")).length === 1, "the receipt email");
    const [email] = await emailsTo(admin.email, "receipt");
    expect(email!.html).toContain(`/billing/receipts/${receipt!.id}`);
    expect(email!.text).toContain("PO PO-2026-0042");
    expect(await emailsTo(admin.email, "membership-activated")).toHaveLength(1);
  });
});

describe("webhook API version", () => {
  it("an event formatted at another API version is stored, processed as usual, and flagged for staff", async () => {
    const payload = JSON.stringify({
      id: "evt_old_version",
      object: "event",
      api_version: "2024-06-20",
      created: Math.floor(Date.now() / 1000),
      type: "customer.created",
      data: { object: { id: "cus_x", object: "customer", metadata: {} } },
    });
    const response = await fetch(harness.webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": harness.emulator.events.sign(payload),
      },
      body: payload,
    });
    expect(response.status).toBe(200);
    const [stored] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_old_version"));
    expect(stored!.apiVersion).toBe("2024-06-20");
    const [flag] = await db
      .select()
      .from(paymentExceptions)
      .where(eq(paymentExceptions.stripeEventId, "evt_old_version"));
    expect(flag).toMatchObject({ kind: "api_version" });
    expect(flag!.problem).toContain("2025-11-17.clover");
  });
});

describe("statements", () => {
  it("an admin's statement for a period lists the payment and its fee from the ledger, as a page's rows and as CSV; other people cannot see it", async () => {
    const { organizationStatement, networkStatement, parseStatementRange, statementCsv, statementTotals } =
      await import("~/modules/ledger/statements.server");
    const { organization, context } = await paidCardMember();
    const [payment] = await eventually(async () => {
      const groups = await organizationPayments(db, organization.id);
      return groups.length === 2 && groups;
    }, "payment and fee in the ledger");
    // The emulator's clock may have been moved on by earlier tests: the period is the payment's year.
    const year = payment!.occurredAt.getUTCFullYear();
    const { range } = parseStatementRange(
      new URLSearchParams({ from: `${year}-01-01`, to: `${year}-12-31` }),
    );
    const rows = await organizationStatement(db, await context(), range!);
    expect(rows.map((r) => [r.label, r.amountMinor, r.currency])).toEqual([
      ["Membership payment", 500_000, "USD"],
      ["Processor fee", -14_530, "USD"],
    ]);
    expect(statementTotals(rows)).toEqual([{ currency: "USD", inMinor: 500_000, outMinor: -14_530 }]);
    const csv = statementCsv(rows);
    expect(csv.split("\r\n")[0]).toBe(
      '"date","kind","description","organization","reference","amount","currency","amount_minor"',
    );
    expect(csv).toContain('"5000.00","USD","500000"');
    expect(csv).toContain('"-145.30","USD","-14530"');

    // A period before the payment is empty; a malformed one answers at the field.
    const { range: past } = parseStatementRange(
      new URLSearchParams({ from: "2020-01-01", to: "2020-12-31" }),
    );
    expect(await organizationStatement(db, await context(), past!)).toEqual([]);
    expect(parseStatementRange(new URLSearchParams({ from: "2026-12-31", to: "2026-01-01" })).errors).toEqual(
      {
        to: ["The end comes before the start."],
      },
    );
    expect(parseStatementRange(new URLSearchParams({ from: "31/12/2026" })).errors?.from).toEqual([
      "Use a date like 2026-01-31.",
    ]);

    // Another organization's admin, a plain member, and non-staff for the network.
    const member = await buildUser(db, { passwordHash: "x" });
    await addMember(db, organization.id, member.id, "member");
    const asMember = await loadOrganizationFor(
      db,
      organization.slug,
      { id: member.id, isStaff: false },
      "view",
    );
    await expect(organizationStatement(db, asMember, range!)).rejects.toThrow(/Only organization admins/);
    await expect(networkStatement(db, { isStaff: false }, range!)).rejects.toThrow(/Only staff/);
    const network = await networkStatement(db, { isStaff: true }, range!);
    expect(network.filter((r) => r.organization === organization.name)).toHaveLength(2);
  });
});

describe("the same request twice at once", () => {
  it("two card checkouts started together: one opens, the other is a conflict, never a 500", async () => {
    const { admin, context } = await adminOf();
    const ctx = await context();
    const results = await Promise.allSettled([
      startCardCheckout(db, ctx, { tierId: tiers.standard.id, viewer: admin }),
      startCardCheckout(db, ctx, { tierId: tiers.standard.id, viewer: admin }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    const live = (await membershipsOf(ctx.organization.id)).filter((m) => m.status === "pending");
    expect(live).toHaveLength(1);
  });
});

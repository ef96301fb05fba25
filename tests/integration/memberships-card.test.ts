import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  auditEvents,
  emailMessages,
  ledgerGroups,
  memberships,
  membershipTiers,
  stripeEvents,
} from "#db/schema";
import { addMember, buildOrganization, buildUser } from "#tests/factories";
import { ledgerIntegrityProblems } from "~/modules/ledger/integrity.server";
import { organizationPayments } from "~/modules/ledger/queries.server";
import { setCancelAtPeriodEnd } from "~/modules/memberships/billing.server";
import { startCardCheckout } from "~/modules/memberships/memberships.server";
import { loadOrganizationFor } from "~/modules/organizations/organizations.server";
import { eventually, type Harness, payOnCheckoutPage, startStripeHarness } from "./stripe-harness";

// Joining by card with the real Stripe SDK against the emulator, the webhooks it
// sends, and the worker that processes them (issue 3, item 13).

const db = getDb();
let harness: Harness;
let tierId: string;

beforeAll(async () => {
  harness = await startStripeHarness();
  const [tier] = await db
    .insert(membershipTiers)
    .values({ name: "Standard", priceMinor: 500_000, currency: "USD", hubsIncluded: 2 })
    .returning();
  tierId = tier!.id;
});
afterAll(() => harness.stop());

async function adminOfNewOrganization() {
  const organization = await buildOrganization(db, { name: "Tide University" });
  const admin = await buildUser(db, { passwordHash: "x", email: `admin-${organization.slug}@example.org` });
  await addMember(db, organization.id, admin.id, "owner");
  const context = await loadOrganizationFor(db, organization.slug, { id: admin.id, isStaff: false }, "view");
  return { context, admin };
}

async function membershipOf(organizationId: string) {
  const [row] = await db.select().from(memberships).where(eq(memberships.organizationId, organizationId));
  return row!;
}

const ledgerOf = (organizationId: string) => organizationPayments(db, organizationId);
const paymentsOf = async (organizationId: string) =>
  (await ledgerOf(organizationId)).filter((e) => e.kind === "membership_payment");
const receiptsTo = (email: string) =>
  db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.to, email), eq(emailMessages.template, "membership-activated")));

describe("joining by card", () => {
  it("a successful payment activates the membership from the webhook, with payment and fee in the ledger and one receipt", async () => {
    const { context, admin } = await adminOfNewOrganization();
    const url = await startCardCheckout(db, context, { tierId, viewer: admin });
    expect((await membershipOf(context.organization.id)).status).toBe("pending");

    const response = await payOnCheckoutPage(url, "4242 4242 4242 4242");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain(
      `/orgs/${context.organization.slug}/billing/confirm?session_id=cs_test_`,
    );

    const active = await eventually(async () => {
      const m = await membershipOf(context.organization.id);
      return m.status === "active" && m;
    }, "an active membership");
    expect(active.stripeSubscriptionId).toMatch(/^sub_/);
    expect(active.currentPeriodEnd!.getTime() - active.currentPeriodStart!.getTime()).toBe(365 * 86_400_000);
    await eventually(
      async () => (await ledgerOf(context.organization.id)).length === 2,
      "payment and fee entries",
    );
    const entries = await ledgerOf(context.organization.id);
    expect(entries.find((e) => e.kind === "membership_payment")).toMatchObject({
      amountMinor: 500_000,
      currency: "USD",
    });
    // Stripe's fee (the emulator charges 2.9% + 30¢) is its own negative entry.
    expect(entries.find((e) => e.kind === "processor_fee")).toMatchObject({
      amountMinor: -14_530,
      currency: "USD",
    });
    expect(
      await eventually(
        async () => (await receiptsTo(admin.email)).length === 1 && receiptsTo(admin.email),
        "a receipt",
      ),
    ).toHaveLength(1);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, active.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["membership.checkout_started", "membership.active"]),
    );
  });

  it("a declined card leaves the membership pending and records nothing", async () => {
    const { context, admin } = await adminOfNewOrganization();
    // Someone browsing 127.0.0.1 in development comes back there (issue 13, item 10).
    const url = await startCardCheckout(db, context, {
      tierId,
      viewer: admin,
      returnOrigin: "http://127.0.0.1:3000",
    });
    const response = await payOnCheckoutPage(url, "4000 0000 0000 0002");
    expect(response.status).toBe(402);
    const declined = await response.text();
    expect(declined).toContain("Your card was declined.");
    // The page keeps what was typed and still offers the way back.
    expect(declined).toContain('value="payer@example.org"');
    expect(declined).toContain(
      `href="http://127.0.0.1:3000/orgs/${context.organization.slug}/billing?canceled=1"`,
    );
    await harness.emulator.events.idle();
    expect((await membershipOf(context.organization.id)).status).toBe("pending");
    expect(await ledgerOf(context.organization.id)).toHaveLength(0);
  });

  it("a card that requires authentication activates only once authenticated", async () => {
    const { context, admin } = await adminOfNewOrganization();
    const url = await startCardCheckout(db, context, { tierId, viewer: admin });
    const challenge = await payOnCheckoutPage(url, "4000 0027 6000 3184");
    expect(await challenge.text()).toContain("Complete authentication");
    const failed = await fetch(`${url}/authenticate`, {
      method: "POST",
      body: new URLSearchParams({ card: "4000002760003184", outcome: "fail" }),
      redirect: "manual",
    });
    expect(failed.status).toBe(402);
    expect((await membershipOf(context.organization.id)).status).toBe("pending");
    const passed = await fetch(`${url}/authenticate`, {
      method: "POST",
      body: new URLSearchParams({ card: "4000002760003184", outcome: "complete" }),
      redirect: "manual",
    });
    expect(passed.status).toBe(303);
    await eventually(
      async () => (await membershipOf(context.organization.id)).status === "active",
      "activation",
    );
  });
});

describe("renewals", () => {
  it("renews a year later with a second ledger entry; a failing card goes past_due, then canceled", async () => {
    const { context, admin } = await adminOfNewOrganization();
    await payOnCheckoutPage(
      await startCardCheckout(db, context, { tierId, viewer: admin }),
      "4242424242424242",
    );
    const first = await eventually(async () => {
      const m = await membershipOf(context.organization.id);
      return m.status === "active" && m;
    }, "activation");

    await harness.emulator.advance(366 * 86_400);
    const renewed = await eventually(async () => {
      const m = await membershipOf(context.organization.id);
      return m.currentPeriodEnd!.getTime() > first.currentPeriodEnd!.getTime() && m;
    }, "a renewed period");
    expect(renewed.status).toBe("active");
    await eventually(
      async () => (await paymentsOf(context.organization.id)).length === 2,
      "a second ledger entry",
    );

    const customer = (await harness.emulator.store.get(first.stripeSubscriptionId!))?.customer as string;
    await fetch(`${harness.emulator.url}/_emulator/customers/${customer}/card`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ number: "4000000000000341" }),
    });
    await harness.emulator.advance(366 * 86_400);
    await eventually(
      async () => (await membershipOf(context.organization.id)).status === "past_due",
      "past_due",
    );
    await eventually(
      async () =>
        (
          await db
            .select()
            .from(emailMessages)
            .where(
              and(eq(emailMessages.to, admin.email), eq(emailMessages.template, "membership-payment-failed")),
            )
        ).length > 0,
      "a payment-failed email",
    );
    await harness.emulator.advance(15 * 86_400);
    const ended = await eventually(async () => {
      const m = await membershipOf(context.organization.id);
      return m.status === "canceled" && m;
    }, "cancellation");
    expect(ended.endedAt).not.toBeNull();
    expect(await paymentsOf(context.organization.id)).toHaveLength(2);
  }, 60_000);

  it("cancel at period end lets the membership run out as expired", async () => {
    const { context, admin } = await adminOfNewOrganization();
    await payOnCheckoutPage(
      await startCardCheckout(db, context, { tierId, viewer: admin }),
      "4242424242424242",
    );
    await eventually(
      async () => (await membershipOf(context.organization.id)).status === "active",
      "activation",
    );
    const live = await loadOrganizationFor(
      db,
      context.organization.slug,
      { id: admin.id, isStaff: false },
      "view",
    );
    await setCancelAtPeriodEnd(db, live, true);
    await eventually(
      async () => (await membershipOf(context.organization.id)).cancelAtPeriodEnd,
      "cancel_at_period_end",
    );
    await harness.emulator.advance(366 * 86_400);
    await eventually(
      async () => (await membershipOf(context.organization.id)).status === "expired",
      "expiry",
    );
    expect(await paymentsOf(context.organization.id)).toHaveLength(1);
  }, 30_000);
});

describe("webhooks", () => {
  const post = (body: string, signature: string) =>
    fetch(harness.webhookUrl, {
      method: "POST",
      headers: { "stripe-signature": signature, "content-type": "application/json" },
      body,
    });

  it("refuses forged and stale signatures with 400 and stores nothing", async () => {
    const payload = JSON.stringify({
      id: "evt_forged",
      object: "event",
      type: "invoice.paid",
      created: 1,
      data: { object: { id: "in_x" } },
    });
    const forged = await post(payload, "t=123,v1=deadbeef");
    expect(forged.status).toBe(400);
    const stale = await post(
      payload,
      harness.emulator.events.sign(payload, Math.floor(Date.now() / 1000) - 301),
    );
    expect(stale.status).toBe(400);
    const fresh = await post(payload, harness.emulator.events.sign(payload));
    expect(fresh.status).toBe(200);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_forged"))).toHaveLength(1);
    await post(JSON.stringify({ id: "evt_unsigned" }), "");
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_unsigned"))).toHaveLength(0);
  });

  it("the same event delivered five more times changes state once, sends one email, writes one ledger entry", async () => {
    const { context, admin } = await adminOfNewOrganization();
    await payOnCheckoutPage(
      await startCardCheckout(db, context, { tierId, viewer: admin }),
      "4242424242424242",
    );
    await eventually(async () => (await receiptsTo(admin.email)).length === 1, "the first receipt");
    const subscription = harness.emulator.store.get(
      (await membershipOf(context.organization.id)).stripeSubscriptionId!,
    );
    const paid = harness.emulator.store
      .all("event")
      .find(
        (e) =>
          e.type === "invoice.paid" &&
          (e.data as { object: { customer: string } }).object.customer === subscription?.customer,
      )!;
    for (let i = 0; i < 5; i++) expect(await harness.emulator.events.deliver(paid)).toBe(200);
    const [stored] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, paid.id));
    expect(stored!.deliveries).toBe(6);
    await new Promise((r) => setTimeout(r, 500));
    expect(await paymentsOf(context.organization.id)).toHaveLength(1);
    expect(await receiptsTo(admin.email)).toHaveLength(1);
  });

  it("events delivered in reverse order converge on Stripe's state", async () => {
    const { context, admin } = await adminOfNewOrganization();
    const url = await startCardCheckout(db, context, { tierId, viewer: admin });
    harness.emulator.webhook.url = null; // hold deliveries
    const before = harness.emulator.store.all("event").length;
    await payOnCheckoutPage(url, "4242424242424242");
    await harness.emulator.events.idle();
    const held = harness.emulator.store.all("event").slice(before);
    harness.emulator.webhook.url = harness.webhookUrl;
    expect(held.length).toBeGreaterThan(3);
    for (const event of [...held].reverse()) expect(await harness.emulator.events.deliver(event)).toBe(200);
    const active = await eventually(async () => {
      const m = await membershipOf(context.organization.id);
      return m.status === "active" && m;
    }, "activation from reversed events");
    expect(active.currentPeriodEnd).not.toBeNull();
    await eventually(
      async () => (await paymentsOf(context.organization.id)).length === 1,
      "one ledger entry",
    );
    expect(await receiptsTo(admin.email)).toHaveLength(1);
  });
});

describe("joining by invoice", () => {
  it("issues a net-30 invoice with the PO number; the membership stays pending until it is paid", async () => {
    const { requestMembershipInvoice } = await import("~/modules/memberships/invoices.server");
    const { context, admin } = await adminOfNewOrganization();
    const issued = await requestMembershipInvoice(db, context, {
      tierId,
      billingName: "Accounts Payable",
      billingEmail: "ap@example.edu",
      addressLine1: "1 University Road",
      city: "Northbridge",
      postalCode: "12345",
      country: "US",
      taxId: "US-99-1234567",
      poNumber: "PO-2026-0042",
    });
    expect(issued.invoiceUrl).toMatch(/\/invoice\/in_/);
    const pending = await membershipOf(context.organization.id);
    expect(pending).toMatchObject({ status: "pending", method: "invoice", poNumber: "PO-2026-0042" });
    const invoice = harness.emulator.store.get(pending.stripeInvoiceId!)!;
    expect(invoice).toMatchObject({ status: "open", collection_method: "send_invoice", amount_due: 500_000 });
    expect(Number(invoice.due_date) - Number(invoice.created)).toBe(30 * 86_400);
    expect(invoice.custom_fields).toEqual(
      expect.arrayContaining([{ name: "PO number", value: "PO-2026-0042" }]),
    );

    await harness.emulator.events.idle();
    expect((await membershipOf(context.organization.id)).status).toBe("pending");

    const paid = await fetch(issued.invoiceUrl!, {
      method: "POST",
      body: new URLSearchParams({ card: "4242424242424242" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    const active = await eventually(async () => {
      const m = await membershipOf(context.organization.id);
      return m.status === "active" && m;
    }, "activation by invoice payment");
    expect(active.currentPeriodEnd!.getTime() - active.currentPeriodStart!.getTime()).toBe(365 * 86_400_000);
    await eventually(async () => (await paymentsOf(context.organization.id)).length === 1, "a ledger entry");
    await eventually(async () => (await receiptsTo(admin.email)).length === 1, "a receipt");
  });

  it("refuses a second invoice while one is open", async () => {
    const { requestMembershipInvoice } = await import("~/modules/memberships/invoices.server");
    const { context } = await adminOfNewOrganization();
    const input = {
      tierId,
      billingName: "AP",
      billingEmail: "ap@example.edu",
      addressLine1: "1 Road",
      city: "X",
      postalCode: "",
      country: "DE",
      taxId: "",
      poNumber: "",
    };
    await requestMembershipInvoice(db, context, input);
    await expect(requestMembershipInvoice(db, context, input)).rejects.toThrow(
      /already has a membership or an open invoice/,
    );
  });
});

describe("reconciliation", () => {
  it("finds nothing when the ledger matches Stripe, and lists a paid invoice the ledger lacks", async () => {
    const { reconcileLedger } = await import("~/modules/ledger/reconciliation.server");
    const { reconciliationIssues } = await import("#db/schema");
    const { context, admin } = await adminOfNewOrganization();
    await payOnCheckoutPage(
      await startCardCheckout(db, context, { tierId, viewer: admin }),
      "4242424242424242",
    );
    await eventually(
      async () => (await ledgerOf(context.organization.id)).length === 2,
      "payment and fee entries",
    );
    await harness.emulator.events.idle();
    await new Promise((r) => setTimeout(r, 300));
    const seen = new Set(
      (await db.select({ id: ledgerGroups.processorObjectId }).from(ledgerGroups)).map((g) => g.id),
    );
    const before = await reconcileLedger(db);
    const unrelated = (
      await db.select().from(reconciliationIssues).where(eq(reconciliationIssues.runAt, before.runAt))
    ).filter((i) => !i.problem.includes("missing from the ledger"));
    expect(unrelated).toEqual([]);

    // The ledger's own rules hold.
    expect(await ledgerIntegrityProblems(db)).toEqual([]);

    // A payment whose webhooks never arrived.
    const other = await adminOfNewOrganization();
    const url = await startCardCheckout(db, other.context, { tierId, viewer: other.admin });
    harness.emulator.webhook.url = null;
    await payOnCheckoutPage(url, "4242424242424242");
    await harness.emulator.events.idle();
    harness.emulator.webhook.url = harness.webhookUrl;
    const lost = harness.emulator.store
      .all("invoice")
      .find(
        (i) =>
          i.customer === harness.emulator.store.get(String(i.customer))?.id &&
          i.status === "paid" &&
          !found(i.id),
      );
    const after = await reconcileLedger(db);
    const issues = await db
      .select()
      .from(reconciliationIssues)
      .where(eq(reconciliationIssues.runAt, after.runAt));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          processorObjectId: lost!.id,
          problem: "paid at Stripe but missing from the ledger",
          actualMinor: 500_000,
        }),
      ]),
    );

    function found(invoiceId: string) {
      return seen.has(invoiceId);
    }
  });
});

import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { membershipTiers } from "#db/schema";
import { STRIPE_OBJECT_TYPES, stripeContractErrors } from "#tests/contract/stripe-types";
import { addMember, buildOrganization, buildUser } from "#tests/factories";
import { changeTier, setCancelAtPeriodEnd } from "~/modules/memberships/billing.server";
import { requestMembershipInvoice } from "~/modules/memberships/invoices.server";
import { startCardCheckout } from "~/modules/memberships/memberships.server";
import { loadOrganizationFor } from "~/modules/organizations/organizations.server";
import { eventually, type Harness, payOnCheckoutPage, startStripeHarness } from "./stripe-harness";

// The emulator answers as Stripe does (issue 9, section 5): the calls memberships
// make and the ones a save-now-charge-later pledge needs, with Stripe's errors; and
// every response and event it produced is checked against the SDK's types.

const db = getDb();
let harness: Harness;
let client: Stripe;

beforeAll(async () => {
  harness = await startStripeHarness();
  harness.emulator.store.recording = [];
  client = new Stripe("sk_test_contract", {
    host: "127.0.0.1",
    port: Number(new URL(harness.emulator.url).port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
});
afterAll(() => harness.stop());

const card = async (customer: string, number: string) => {
  const response = await fetch(`${harness.emulator.url}/_emulator/customers/${customer}/card`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ number }),
  });
  return ((await response.json()) as { id: string }).id;
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as Stripe.errors.StripeError,
  );

describe("the emulator answers as Stripe does", () => {
  it("refuses an idempotency key reused with other parameters, and replays it with the same ones", async () => {
    const first = await client.customers.create({ name: "Tide Lab" }, { idempotencyKey: "k-customer-1" });
    const replay = await client.customers.create({ name: "Tide Lab" }, { idempotencyKey: "k-customer-1" });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.requestId).toMatch(/^req_/);
    const refused = await failure(
      client.customers.create({ name: "Other Lab" }, { idempotencyKey: "k-customer-1" }),
    );
    expect(refused).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(refused!.statusCode).toBe(400);
  });

  it("merges customer metadata, and only customers.update sets the default payment method", async () => {
    const customer = await client.customers.create({ metadata: { a: "1", b: "2" } });
    const updated = await client.customers.update(customer.id, { metadata: { b: "", c: "3" } });
    expect(updated.metadata).toEqual({ a: "1", c: "3" });
    const pm = await card(customer.id, "4242424242424242");
    expect((await client.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
      invoice_settings: { default_payment_method: null },
    });
    const withDefault = await client.customers.update(customer.id, {
      invoice_settings: { default_payment_method: pm },
    });
    expect(withDefault.invoice_settings.default_payment_method).toBe(pm);
  });

  it("PaymentIntents: created unconfirmed nothing is charged; confirm needs a payment method; off_session only with confirm", async () => {
    const customer = await client.customers.create({ name: "Payer" });
    const pm = await card(customer.id, "4242424242424242");
    const unconfirmed = await client.paymentIntents.create({
      amount: 5000,
      currency: "usd",
      customer: customer.id,
      payment_method: pm,
    });
    expect(unconfirmed).toMatchObject({
      status: "requires_confirmation",
      latest_charge: null,
      amount_received: 0,
    });
    const bare = await client.paymentIntents.create({ amount: 5000, currency: "usd", customer: customer.id });
    expect(bare.status).toBe("requires_payment_method");
    expect(await failure(client.paymentIntents.confirm(bare.id))).toMatchObject({
      statusCode: 400,
      param: "payment_method",
    });
    expect(
      await failure(
        client.paymentIntents.create({
          amount: 5000,
          currency: "usd",
          customer: customer.id,
          payment_method: pm,
          off_session: true,
        }),
      ),
    ).toMatchObject({ statusCode: 400, param: "off_session" });
    const confirmed = await client.paymentIntents.confirm(unconfirmed.id, {
      expand: ["latest_charge.balance_transaction"],
    });
    expect(confirmed.status).toBe("succeeded");
    const charge = confirmed.latest_charge as Stripe.Charge;
    expect((charge.balance_transaction as Stripe.BalanceTransaction).fee).toBe(175);
    const canceled = await client.paymentIntents.cancel(bare.id);
    expect(canceled.status).toBe("canceled");
    expect(await failure(client.paymentIntents.cancel(confirmed.id))).toMatchObject({ statusCode: 400 });
  });

  it("an off-session charge that needs authentication is a 402 with the intent waiting for a payment method and the full card", async () => {
    const customer = await client.customers.create({ name: "Needs 3DS" });
    const pm = await card(customer.id, "4000002760003184");
    const error = await failure(
      client.paymentIntents.create({
        amount: 120_000,
        currency: "usd",
        customer: customer.id,
        payment_method: pm,
        off_session: true,
        confirm: true,
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: "authentication_required" });
    const raw = error!.raw as { payment_intent: Stripe.PaymentIntent };
    expect(raw.payment_intent.status).toBe("requires_payment_method");
    expect(raw.payment_intent.last_payment_error?.payment_method).toMatchObject({
      id: pm,
      card: { last4: "3184" },
    });

    // On-session, the same card is asked to authenticate on Stripe's page, then succeeds.
    const onSession = await client.paymentIntents.confirm(raw.payment_intent.id, {
      payment_method: pm,
      return_url: "http://localhost:3000/return",
    });
    expect(onSession.status).toBe("requires_action");
    expect(onSession.next_action?.type).toBe("redirect_to_url");
    const done = await fetch(onSession.next_action!.redirect_to_url!.url!, {
      method: "POST",
      body: new URLSearchParams({ outcome: "complete" }),
      redirect: "manual",
    });
    expect(done.headers.get("location")).toBe(`http://localhost:3000/return?payment_intent=${onSession.id}`);
    expect((await client.paymentIntents.retrieve(onSession.id)).status).toBe("succeeded");
  });

  it("declines: a card_error 402 and a failed charge", async () => {
    const customer = await client.customers.create({ name: "Declined" });
    const pm = await card(customer.id, "4000000000009995");
    const error = await failure(
      client.paymentIntents.create({
        amount: 5000,
        currency: "usd",
        customer: customer.id,
        payment_method: pm,
        off_session: true,
        confirm: true,
      }),
    );
    expect(error).toMatchObject({
      statusCode: 402,
      code: "card_declined",
      decline_code: "insufficient_funds",
    });
    const charges = await client.charges.list({ customer: customer.id });
    expect(charges.data.map((c) => c.status)).toEqual(["failed"]);
  });

  it("SetupIntents and PaymentMethods: save a card without making it the default; attach, list, detach", async () => {
    const customer = await client.customers.create({ name: "Saver" });
    const other = await client.customers.create({ name: "Holder" });
    const pm = await card(other.id, "4242424242424242");
    await client.paymentMethods.detach(pm);
    const setup = await client.setupIntents.create({ customer: customer.id, usage: "off_session" });
    expect(setup.status).toBe("requires_payment_method");
    const confirmed = await client.setupIntents.confirm(setup.id, { payment_method: pm });
    expect(confirmed.status).toBe("succeeded");
    const listed = await client.paymentMethods.list({ customer: customer.id, type: "card" });
    expect(listed.data.map((p) => p.id)).toEqual([pm]);
    expect(
      ((await client.customers.retrieve(customer.id)) as Stripe.Customer).invoice_settings
        .default_payment_method,
    ).toBeNull();
    expect(await failure(client.paymentMethods.attach(pm, { customer: other.id }))).toMatchObject({
      statusCode: 400,
    });
    await client.paymentMethods.detach(pm);
    expect((await client.paymentMethods.list({ customer: customer.id, type: "card" })).data).toEqual([]);
  });

  it("Checkout: setup mode needs a currency; a completed session has no URL and cannot be expired; expiring twice is refused", async () => {
    const customer = await client.customers.create({ name: "Checkout" });
    expect(
      await failure(
        client.checkout.sessions.create({ mode: "setup", customer: customer.id, success_url: "http://x/ok" }),
      ),
    ).toMatchObject({ statusCode: 400, param: "currency" });
    const setup = await client.checkout.sessions.create({
      mode: "setup",
      currency: "usd",
      customer: customer.id,
      success_url: "http://x/ok",
      metadata: { purpose: "pledge" },
    });
    await payOnCheckoutPage(setup.url!, "4242424242424242");
    const completed = await client.checkout.sessions.retrieve(setup.id, { expand: ["setup_intent"] });
    expect(completed).toMatchObject({ status: "complete", url: null });
    expect((completed.setup_intent as Stripe.SetupIntent).status).toBe("succeeded");
    expect(await failure(client.checkout.sessions.expire(setup.id))).toMatchObject({ statusCode: 400 });
    const open = await client.checkout.sessions.create({
      mode: "setup",
      currency: "usd",
      customer: customer.id,
      success_url: "http://x/ok",
    });
    expect((await client.checkout.sessions.expire(open.id)).url).toBeNull();
    expect(await failure(client.checkout.sessions.expire(open.id))).toMatchObject({ statusCode: 400 });
  });

  it("lists page with limit, starting_after and has_more", async () => {
    const customer = await client.customers.create({ name: "Many" });
    for (let i = 0; i < 5; i++) await card(customer.id, "4242424242424242");
    const first = await client.paymentMethods.list({ customer: customer.id, type: "card", limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const all = await client.paymentMethods
      .list({ customer: customer.id, type: "card", limit: 2 })
      .autoPagingToArray({ limit: 100 });
    expect(new Set(all.map((p) => p.id)).size).toBe(5);
    expect(
      await failure(client.paymentMethods.list({ customer: customer.id, type: "card", limit: 500 })),
    ).toMatchObject({ statusCode: 400 });
  });
});

describe("the emulator's responses and events match the Stripe SDK's types", () => {
  it("every response it gave and every event it sent in these flows and the memberships' fits Stripe's type", async () => {
    // The memberships' own calls: card and invoice joining, a tier change, a renewal, a cancellation.
    const [tier, other] = await db
      .insert(membershipTiers)
      .values([
        { name: "Standard", priceMinor: 500_000, currency: "USD", hubsIncluded: 2 },
        { name: "Institution", priceMinor: 1_200_000, currency: "USD", hubsIncluded: 5 },
      ])
      .returning();
    const organization = await buildOrganization(db, { kind: "institution" });
    const admin = await buildUser(db, { passwordHash: "x" });
    await addMember(db, organization.id, admin.id, "owner");
    const context = () =>
      loadOrganizationFor(db, organization.slug, { id: admin.id, isStaff: false }, "view");
    await payOnCheckoutPage(
      await startCardCheckout(db, await context(), { tierId: tier!.id, viewer: admin }),
      "4242424242424242",
    );
    await eventually(async () => {
      const { currentMembership } = await import("~/modules/memberships/memberships.server");
      return (await currentMembership(db, organization.id))?.membership.status === "active";
    }, "activation");
    await changeTier(db, await context(), other!.id);
    await harness.emulator.advance(366 * 86_400);
    await setCancelAtPeriodEnd(db, await context(), true);
    const invoiced = await buildOrganization(db, { kind: "institution" });
    await addMember(db, invoiced.id, admin.id, "owner");
    const invoice = await requestMembershipInvoice(
      db,
      await loadOrganizationFor(db, invoiced.slug, { id: admin.id, isStaff: false }, "view"),
      {
        tierId: tier!.id,
        billingName: "AP",
        billingEmail: "ap@example.edu",
        addressLine1: "1 Road",
        city: "X",
        postalCode: "10001",
        country: "US",
        taxId: "T-1",
        poNumber: "PO-1",
      },
    );
    await fetch(invoice.invoiceUrl!, {
      method: "POST",
      body: new URLSearchParams({ card: "4242424242424242" }),
      redirect: "manual",
    });
    await harness.emulator.events.idle();

    const TYPES = STRIPE_OBJECT_TYPES;
    const events = harness.emulator.store.all("event");
    const eventType = (type: string) =>
      `${type
        .split(/[._]/)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join("")}Event`;
    const typeNames = [
      ...Object.values(TYPES),
      "StripeRawError",
      ...new Set(events.map((e) => eventType(String(e.type)))),
    ];
    const problems: string[] = [];
    const validate = (typeName: string, value: unknown, where: string) => {
      for (const e of stripeContractErrors(typeName, value, typeNames))
        problems.push(`${where}: ${e.path} ${e.problem}`);
    };
    const checkObject = (body: unknown, where: string) => {
      const object = (body as { object?: string }).object;
      if (object === "list") {
        for (const item of (body as { data: unknown[] }).data) checkObject(item, where);
        return;
      }
      if (!object || !TYPES[object]) {
        problems.push(`${where}: no Stripe type for object ${object}`);
        return;
      }
      validate(TYPES[object], body, where);
    };
    const recorded = harness.emulator.store.recording!;
    expect(recorded.length).toBeGreaterThan(25);
    for (const r of recorded) {
      const where = `${r.method} ${r.path} ${r.status}`;
      if (r.status >= 400) validate("StripeRawError", (r.body as { error: unknown }).error, where);
      else checkObject(r.body, where);
    }
    for (const event of events) validate(eventType(String(event.type)), event, `event ${String(event.type)}`);
    expect([...new Set(problems)].slice(0, 80)).toEqual([]);
  }, 120_000);
});

describe("the emulator's skeletons", () => {
  it("are what the pinned Stripe SDK's types say today (regenerate with npx tsx scripts/stripe-skeletons.ts)", async () => {
    const { readFileSync } = await import("node:fs");
    const { buildStripeSkeletons } = await import("#tests/contract/skeletons");
    const committed = JSON.parse(readFileSync("tests/mocks/stripe/skeletons.json", "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildStripeSkeletons())));
  }, 60_000);
});

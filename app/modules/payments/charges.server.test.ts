import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { paymentAttempts } from "#db/schema";
import { type StripeEmulator, startStripeEmulator } from "#tests/mocks/stripe/emulator";
import { reloadEnv } from "~/lib/env.server";
import { savedCards } from "./charge-state.server";
import { chargeSavedCard, refundPayment } from "./charges.server";
import { createPaymentCheckout, createSetupCheckout } from "./checkout.server";
import { resetStripeClient, stripe } from "./stripe.server";

// Save a card now, charge it later (what pledges need), through payments' own
// functions against the emulator; every call leaves its attempt row.

const db = getDb();
let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startStripeEmulator({ webhookUrl: null });
  process.env.STRIPE_API_BASE = emulator.url;
  reloadEnv();
  resetStripeClient();
});
afterAll(() => emulator.stop());

async function customerWithSavedCard(number: string) {
  const customer = await stripe().customers.create({ name: "Tide Lab" });
  const checkout = await createSetupCheckout(db, {
    customerId: customer.id,
    currency: "USD",
    metadata: { purpose: "pledge" },
    successUrl: "http://localhost:3000/ok",
    cancelUrl: "http://localhost:3000/cancel",
  });
  let saved = await fetch(checkout.url, {
    method: "POST",
    body: new URLSearchParams({ card: number, expiry: "12 / 34", cvc: "123" }),
    redirect: "manual",
  });
  if (saved.status === 200) {
    // The bank asks for 3-D Secure when the card is saved; the customer completes it.
    saved = await fetch(`${checkout.url}/authenticate`, {
      method: "POST",
      body: new URLSearchParams({ card: number, outcome: "complete" }),
      redirect: "manual",
    });
  }
  expect(saved.status).toBe(303);
  const [card] = await savedCards(customer.id);
  return { customerId: customer.id, paymentMethodId: card!.id };
}

const charge = (saved: { customerId: string; paymentMethodId: string }, amountMinor = 250_000) =>
  chargeSavedCard(db, {
    ...saved,
    amountMinor,
    currency: "USD",
    description: "Pledge",
    metadata: { purpose: "pledge" },
  });

describe("paying once on Stripe's page", () => {
  it("Checkout in payment mode charges the amount on the product; its PaymentIntent succeeds", async () => {
    const { ensureProduct } = await import("./products.server");
    const customer = await stripe().customers.create({ name: "Donor" });
    const productId = await ensureProduct(db, { existingId: null, name: "Matching pool", metadata: {} });
    const checkout = await createPaymentCheckout(db, {
      customerId: customer.id,
      productId,
      amountMinor: 100_000,
      currency: "USD",
      metadata: { purpose: "pool" },
      successUrl: "http://localhost:3000/ok",
      cancelUrl: "http://localhost:3000/cancel",
    });
    const paid = await fetch(checkout.url, {
      method: "POST",
      body: new URLSearchParams({ card: "4242424242424242", expiry: "12 / 34", cvc: "123" }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    const session = await stripe().checkout.sessions.retrieve(checkout.id, { expand: ["payment_intent"] });
    expect(session).toMatchObject({ status: "complete", payment_status: "paid", url: null });
    expect(session.payment_intent).toMatchObject({ status: "succeeded", amount_received: 100_000 });
  });
});

describe("saving a card and charging it off-session", () => {
  it("a saved card is charged later without the customer; a refund returns it", async () => {
    const saved = await customerWithSavedCard("4242424242424242");
    expect(emulator.store.get(saved.paymentMethodId)).toMatchObject({ customer: saved.customerId });
    const result = await charge(saved);
    expect(result.outcome).toBe("succeeded");
    const intent = emulator.store.get(result.paymentIntentId!)!;
    expect(intent).toMatchObject({ status: "succeeded", amount_received: 250_000 });
    const refund = await refundPayment(db, {
      paymentIntentId: result.paymentIntentId!,
      reason: "initiative canceled",
    });
    expect(refund).toMatchObject({ status: "succeeded", amount: 250_000 });
  });

  it("a card needing authentication, and a declined one, come back as outcomes with their attempts recorded as failed", async () => {
    const strict = await customerWithSavedCard("4000002760003184");
    const auth = await charge(strict);
    expect(auth).toMatchObject({ outcome: "authentication_required" });
    expect(emulator.store.get((auth as { paymentIntentId: string }).paymentIntentId)).toMatchObject({
      status: "requires_payment_method",
    });

    const poor = await customerWithSavedCard("4000000000009995");
    expect(await charge(poor)).toMatchObject({
      outcome: "declined",
      code: "card_declined",
      declineCode: "insufficient_funds",
    });

    const attempts = await db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.operation, "payment-intent.off-session"));
    const failed = attempts
      .filter((a) => a.status === "failed")
      .map((a) => a.errorCode)
      .sort();
    expect(failed).toEqual(["authentication_required", "card_declined"]);
    // Each attempt had its own key, so a retry of the same pledge is a new charge attempt.
    expect(new Set(attempts.map((a) => a.idempotencyKey)).size).toBe(attempts.length);
  });
});

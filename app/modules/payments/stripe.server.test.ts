import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { type StripeEmulator, startStripeEmulator } from "#tests/mocks/stripe/emulator";
import { reloadEnv } from "~/lib/env.server";
import { resetStripeClient, StripeInsideTransactionError, stripe } from "./stripe.server";
import { retrieveSubscription } from "./subscriptions.server";

// ADR 0010: no Stripe call while a database transaction is open, however the call is made.
let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await startStripeEmulator({ webhookUrl: null });
  process.env.STRIPE_API_BASE = emulator.url;
  reloadEnv();
  resetStripeClient();
});
afterAll(() => emulator.stop());

describe("the payments client inside a transaction", () => {
  it("refuses before anything reaches Stripe, through the module's functions or a client taken earlier", async () => {
    const client = stripe();
    const before = emulator.store.all("customer").length;
    await expect(
      getDb().transaction(async () => {
        await retrieveSubscription("sub_anything");
      }),
    ).rejects.toBeInstanceOf(StripeInsideTransactionError);
    const viaHeldClient = await getDb()
      .transaction(async (tx) => {
        await tx.execute("select 1");
        return client.customers.create({ name: "Inside a transaction" });
      })
      .catch((e: unknown) => e);
    // The SDK reports it as a connection error carrying ours: the request never left.
    expect((viaHeldClient as { detail?: unknown }).detail).toBeInstanceOf(StripeInsideTransactionError);
    expect(emulator.store.all("customer").length).toBe(before);
  });

  it("works outside a transaction, and after one has committed", async () => {
    await getDb().transaction(async (tx) => tx.execute("select 1"));
    const customer = await stripe().customers.create({ name: "Outside" });
    expect(customer.id).toMatch(/^cus_/);
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { getDb } from "#db/client.server";
import { type StripeEmulator, startStripeEmulator } from "#tests/mocks/stripe/emulator";
import { reloadEnv } from "~/lib/env.server";
import { stopBoss } from "~/modules/jobs/boss.server";
import { stripeEventRoutes } from "~/modules/jobs/registry.server";
import { startWorker } from "~/modules/jobs/worker.server";
import { handlerFor } from "~/modules/payments/event-processing.server";
import { receiveStripeWebhook } from "~/modules/payments/webhooks.server";

// For integration tests: the Stripe emulator, a real HTTP endpoint in front of the
// app's webhook receiver, and the pg-boss worker, all on this file's database.

export type Harness = { emulator: StripeEmulator; webhookUrl: string; stop: () => Promise<void> };

export async function startStripeHarness(): Promise<Harness> {
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const receipt = await receiveStripeWebhook(
        getDb(),
        Buffer.concat(chunks).toString("utf8"),
        req.headers["stripe-signature"] as string | null,
        (event) => handlerFor(stripeEventRoutes, event) !== null,
      );
      res.statusCode = receipt.status === "rejected" ? 400 : 200;
      res.end(JSON.stringify(receipt));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`;
  const emulator = await startStripeEmulator({ webhookUrl });
  process.env.STRIPE_API_BASE = emulator.url;
  reloadEnv();
  await startWorker();
  return {
    emulator,
    webhookUrl,
    stop: async () => {
      await stopBoss();
      await emulator.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}

/** Fills the emulator's hosted Checkout page the way a browser would. */
export async function payOnCheckoutPage(url: string, card: string) {
  return fetch(url, {
    method: "POST",
    body: new URLSearchParams({ card, expiry: "12 / 34", cvc: "123", email: "payer@example.org" }),
    redirect: "manual",
  });
}

export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

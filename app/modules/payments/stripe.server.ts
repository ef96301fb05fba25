import Stripe from "stripe";
import { env } from "~/lib/env.server";

// The only code that builds a Stripe client (issue 3, item 1). With no key the SDK
// talks to the local emulator at STRIPE_API_BASE; nothing else here knows about it.

export const DEVELOPMENT_WEBHOOK_SECRET = "whsec_commons_development_only";
const EMULATOR_KEY = "sk_test_commons_emulator";

let client: Stripe | undefined;

export function stripe(): Stripe {
  if (client) return client;
  const config = env();
  const common = { maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: "Commons" } } as const;
  if (config.STRIPE_SECRET_KEY) {
    client = new Stripe(config.STRIPE_SECRET_KEY, common);
  } else {
    const base = new URL(config.STRIPE_API_BASE ?? `http://127.0.0.1:${config.STRIPE_EMULATOR_PORT}`);
    client = new Stripe(EMULATOR_KEY, {
      ...common,
      host: base.hostname,
      port: Number(base.port),
      protocol: base.protocol === "https:" ? "https" : "http",
    });
  }
  return client;
}

export function webhookSecret() {
  return env().STRIPE_WEBHOOK_SECRET ?? DEVELOPMENT_WEBHOOK_SECRET;
}

/** Hosts the browser is sent to for Checkout and the portal (the CSP's form-action needs them). */
export function stripeHostedOrigins() {
  const config = env();
  if (config.STRIPE_SECRET_KEY)
    return ["https://checkout.stripe.com", "https://billing.stripe.com", "https://invoice.stripe.com"];
  return [new URL(config.STRIPE_API_BASE ?? `http://127.0.0.1:${config.STRIPE_EMULATOR_PORT}`).origin];
}

/** Idempotency keys built from our own ids (issue 3, item 1): one operation, one key. */
export function idempotencyKey(operation: string, ...ids: (string | number)[]) {
  return `commons:${operation}:${ids.join(":")}`;
}

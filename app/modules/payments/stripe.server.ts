import Stripe from "stripe";
import { insideTransaction } from "#db/transaction-context";
import { DEVELOPMENT_WEBHOOK_SECRET, env } from "~/lib/env.server";

// The only code that builds a Stripe client (issue 9, section 2). Other modules ask
// this module for customers, checkouts, subscriptions, invoices and charges; none of
// them imports the SDK (tests/architecture.test.ts checks). With no key the SDK
// talks to the local emulator at STRIPE_API_BASE.

export { DEVELOPMENT_WEBHOOK_SECRET };
const EMULATOR_KEY = "sk_test_commons_emulator";

/**
 * The API version every request is made at and every webhook endpoint must be
 * created at (README "Running against a real Stripe account"): the SDK's own.
 */
export const STRIPE_API_VERSION = "2025-11-17.clover" as const;

export type StripeEvent = Stripe.Event;
export type StripeInvoice = Stripe.Invoice;
export type StripeSubscription = Stripe.Subscription;
export type StripeCheckoutSession = Stripe.Checkout.Session;
export const StripeApiError = Stripe.errors.StripeError;

/** Thrown when code calls Stripe while a database transaction is open (ADR 0010). */
export class StripeInsideTransactionError extends Error {
  override name = "StripeInsideTransactionError";
  constructor() {
    super(
      "Stripe was called inside an open database transaction: commit an attempt row first, call Stripe, then record the result (ADR 0010).",
    );
  }
}

/** Refuses every request made inside a transaction, whoever holds the client. */
function guardedHttpClient(): Stripe.HttpClient {
  const inner = Stripe.createNodeHttpClient();
  return {
    getClientName: () => `${inner.getClientName()}-commons-guarded`,
    makeRequest: (...args) => {
      if (insideTransaction()) return Promise.reject(new StripeInsideTransactionError());
      return inner.makeRequest(...args);
    },
  };
}

let client: Stripe | undefined;

/** The SDK client, for the payments module only. Refuses to run inside a transaction. */
export function stripe(): Stripe {
  if (insideTransaction()) throw new StripeInsideTransactionError();
  if (client) return client;
  const config = env();
  const common = {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "Commons" },
    httpClient: guardedHttpClient(),
  } as const;
  if (config.STRIPE_API_BASE) {
    // The local emulator (development, tests); production refuses to start with it unless keys are set.
    const base = new URL(config.STRIPE_API_BASE);
    client = new Stripe(config.STRIPE_SECRET_KEY ?? EMULATOR_KEY, {
      ...common,
      host: base.hostname,
      port: Number(base.port),
      protocol: base.protocol === "https:" ? "https" : "http",
    });
  } else if (config.STRIPE_SECRET_KEY) {
    client = new Stripe(config.STRIPE_SECRET_KEY, common);
  } else {
    const base = new URL(`http://127.0.0.1:${config.STRIPE_EMULATOR_PORT}`);
    client = new Stripe(EMULATOR_KEY, {
      ...common,
      host: base.hostname,
      port: Number(base.port),
      protocol: "http",
    });
  }
  return client;
}

/** Drops the client so the next call reads the environment again (tests switch emulators). */
export function resetStripeClient() {
  client = undefined;
}

export function webhookSecret() {
  return env().STRIPE_WEBHOOK_SECRET ?? DEVELOPMENT_WEBHOOK_SECRET;
}

/** Hosts the browser is sent to for Checkout and the portal (the CSP's form-action needs them). */
export function stripeHostedOrigins() {
  const config = env();
  if (config.STRIPE_API_BASE) return [new URL(config.STRIPE_API_BASE).origin];
  if (config.STRIPE_SECRET_KEY)
    return ["https://checkout.stripe.com", "https://billing.stripe.com", "https://invoice.stripe.com"];
  return [`http://127.0.0.1:${config.STRIPE_EMULATOR_PORT}`];
}

/** The id of an expandable field, whether Stripe sent the id or the object. */
export function idOf(ref: string | { id?: string } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === "string" ? ref : (ref.id ?? null);
}

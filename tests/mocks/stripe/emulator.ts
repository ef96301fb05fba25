import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import express from "express";
import { apiRouter } from "./api";
import { Billing } from "./billing";
import { EventBus } from "./events";
import { Store } from "./store";

// The local Stripe emulator (issue 3): the real Stripe SDK talks to it when no
// STRIPE_SECRET_KEY is set. Started by `npm run dev` and by the test harness.

export const DEFAULT_WEBHOOK_SECRET = "whsec_commons_development_only";

export type StripeEmulator = Awaited<ReturnType<typeof startStripeEmulator>>;

export async function startStripeEmulator(
  options: {
    port?: number;
    webhookUrl?: string | null;
    webhookSecret?: string;
    stateFile?: string;
    /** The endpoint's `enabled_events`; all events when unset. */
    enabledEvents?: string[] | null;
  } = {},
) {
  const store = new Store();
  if (options.stateFile && existsSync(options.stateFile))
    store.restore(readFileSync(options.stateFile, "utf8"));
  let saveTimer: NodeJS.Timeout | undefined;
  const save = () => {
    if (!options.stateFile) return;
    mkdirSync(path.dirname(options.stateFile), { recursive: true });
    writeFileSync(options.stateFile, store.snapshot());
  };
  let baseUrl = "";
  const webhook = {
    url: options.webhookUrl ?? null,
    secret: options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET,
    enabledEvents: options.enabledEvents ?? null,
  };
  const events = new EventBus(store, webhook);
  const billing = new Billing(store, events, () => baseUrl);

  const app = express();
  app.disable("x-powered-by");
  if (options.stateFile) {
    app.use((_req, res, next) => {
      res.on("finish", () => {
        clearTimeout(saveTimer);
        saveTimer = setTimeout(save, 100);
      });
      next();
    });
  }
  // Control endpoints for tests and development: not part of Stripe's API.
  app.post("/_emulator/advance", express.json(), (req, res) => {
    store.advance(Number(req.body?.seconds ?? 0));
    billing.runClock();
    res.json({ now: store.now() });
  });
  app.post("/_emulator/customers/:id/card", express.json(), (req, res) => {
    const pm = billing.createPaymentMethod(String(req.body?.number ?? ""), req.params.id);
    for (const s of store.all("subscription").filter((x) => x.customer === req.params.id))
      s.default_payment_method = pm.id;
    res.json(pm);
  });
  app.get("/_emulator/deliveries", (_req, res) => res.json(events.delivered));
  /** Counts by object type and status, for benchmarks that run the emulator in its own process. */
  app.get("/_emulator/stats", (_req, res) => {
    const counts: Record<string, number> = {};
    for (const object of store.objects.values()) {
      const key = `${String(object.object)}${object.status ? `:${String(object.status)}` : ""}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    res.json({ counts, delivered: events.delivered.length, pending: events.pending });
  });
  app.post("/_emulator/delivery", express.json(), (req, res) => {
    events.concurrency = Math.max(1, Number(req.body?.concurrency ?? 1));
    res.json({ concurrency: events.concurrency });
  });
  app.use(
    "/v1",
    apiRouter(store, billing, events, () => baseUrl),
  );
  const { pagesRouter } = await import("./pages");
  const { intentPagesRouter } = await import("./intents");
  app.use(pagesRouter(store, billing, events));
  app.use(intentPagesRouter(store, billing));

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port ?? 0, "127.0.0.1", () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    port,
    store,
    events,
    billing,
    webhook,
    /** Moves the emulator's clock forward and runs what falls due (renewals, retries). */
    async advance(seconds: number) {
      store.advance(seconds);
      billing.runClock();
      await events.idle();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        clearTimeout(saveTimer);
        save();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

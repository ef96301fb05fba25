import { closeDb } from "../../db/client.server";
import { seed } from "../../db/seed/index";
import { startFakeHub } from "../mocks/fake-hub";
import { startSmtpSink } from "../mocks/smtp-sink";
import { startStripeEmulator } from "../mocks/stripe/emulator";
import { createTemplate, startTestCluster } from "./cluster";

// The server Playwright tests run against: the production build on a fresh,
// seeded database, a real SMTP sink (readable over HTTP by the tests) and a local
// stand-in for a JupyterHub. Ports come from playwright.config.ts.

const port = Number(process.env.E2E_PORT ?? 3100);
const E2E_DATABASE_URL_FILE = ".data/e2e-database-url"; // read by tests/e2e/support.ts
const cluster = await startTestCluster("e2e");
const url = await createTemplate(cluster.adminUrl, `commons_e2e_${process.pid}`);
const sink = await startSmtpSink({ httpPort: Number(process.env.E2E_MAIL_API_PORT ?? 3101) });
const hub = await startFakeHub(Number(process.env.E2E_FAKE_HUB_PORT ?? 3102));
const stripeEmulator = await startStripeEmulator({
  port: Number(process.env.E2E_STRIPE_PORT ?? 3103),
  webhookUrl: `http://localhost:${port}/webhooks/stripe`,
  webhookSecret: "whsec_e2e_only_not_the_development_secret",
});

Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: url,
  PORT: String(port),
  APP_URL: `http://localhost:${port}`,
  SESSION_SECRET: "e2e-session-secret-0123456789",
  SMTP_URL: sink.url,
  ALLOW_PRIVATE_HUB_URLS: "true",
  // Production requires real-looking keys (issue 9, item 1.5); the emulator accepts any sk_test_.
  STRIPE_SECRET_KEY: "sk_test_e2e_emulator",
  STRIPE_WEBHOOK_SECRET: "whsec_e2e_only_not_the_development_secret",
  STRIPE_API_BASE: stripeEmulator.url,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  // Every journey signs up from 127.0.0.1: the per-address limit is tested on its own.
  SIGNUP_LIMIT_PER_HOUR: "1000",
});

// Journeys that move the clock (a pledge deadline passing) reach the database directly.
const { writeFileSync } = await import("node:fs");
writeFileSync(E2E_DATABASE_URL_FILE, url);

const { createPool } = await import("../../db/client.server");
const seeding = createPool(url, 1);
await seed(seeding.db);
await seeding.sql.end();

const { createApp } = await import("../../server/app");
const { startWorker } = await import("../../app/modules/jobs/worker.server");
const { stopBoss } = await import("../../app/modules/jobs/boss.server");
const { stripeHostedOrigins } = await import("../../app/modules/payments/stripe.server");
await startWorker();
const app = await createApp({
  production: true,
  appUrl: process.env.APP_URL!,
  formTargets: stripeHostedOrigins(),
});
const server = app.listen(port, () =>
  console.log(`e2e server on ${process.env.APP_URL} (fake hub ${hub.url})`),
);

async function stop() {
  server.close();
  server.closeAllConnections();
  await stopBoss().catch(() => {});
  await Promise.allSettled([sink.stop(), hub.stop(), stripeEmulator.stop(), closeDb()]);
  await cluster.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

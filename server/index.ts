import type { Server } from "node:http";
import { env, reloadEnv } from "../app/lib/env.server";
import { logger } from "../app/lib/logger.server";
import { stopBoss } from "../app/modules/jobs/boss.server";
import { startWorker } from "../app/modules/jobs/worker.server";
import { stripeHostedOrigins, webhookSecret } from "../app/modules/payments/stripe.server";
import { closeDb } from "../db/client.server";
import { createApp } from "./app";
import { prepareDatabase } from "./database";
import { freePort } from "./free-port";

// The one entry point: `npm run dev` (development, Vite middleware, demo data) and
// `npm start` (production build). See README "Architecture".

const config = env();
const log = (line: string) => logger.info(line);
const database = await prepareDatabase({
  migrate: !config.isProduction || !process.env.DATABASE_URL,
  log,
}).catch((error: Error) => {
  logger.fatal(error.message);
  process.exit(1);
});

if (!config.isProduction && process.env.COMMONS_SKIP_SEED !== "true") {
  const { seedIfEmpty, DEMO_ACCOUNTS } = await import("../db/seed/index");
  if (await seedIfEmpty(database.url)) logger.info("loaded the demo network into the empty database");
  printDemoAccounts(DEMO_ACCOUNTS);
}

// No Stripe key outside production: the SDK talks to the local emulator (issue 3).
const emulator =
  !config.STRIPE_SECRET_KEY && !config.isProduction
    ? await import("../tests/mocks/stripe/emulator").then((m) =>
        m.startStripeEmulator({
          port: config.STRIPE_EMULATOR_PORT,
          webhookUrl: `${config.appUrl}/webhooks/stripe`,
          webhookSecret: webhookSecret(),
        }),
      )
    : undefined;
if (emulator) {
  process.env.STRIPE_API_BASE = emulator.url;
  reloadEnv();
  logger.info(`local Stripe emulator on ${emulator.url} (test cards: 4242 4242 4242 4242 succeeds)`);
}
if (config.WORKER === "true") await startWorker();

const vite = config.isProduction
  ? undefined
  : await import("vite").then(async (v) =>
      v.createServer({
        // A free port for hot reload, so two checkouts (or a test run) can run side by side.
        server: { middlewareMode: true, hmr: { port: Number(process.env.HMR_PORT) || (await freePort()) } },
        appType: "custom",
      }),
    );

// Vite stops the process on SIGTERM by itself (before the worker and the embedded database
// are stopped); the shutdown below closes Vite in its turn instead.
if (vite) process.removeAllListeners("SIGTERM");

const app = await createApp({
  production: config.isProduction,
  appUrl: config.appUrl,
  trustProxy: config.TRUST_PROXY,
  vite,
  formTargets: stripeHostedOrigins(),
  pageCacheSeconds: config.PAGE_CACHE_SECONDS,
  apiRateLimitPerMinute: config.API_RATE_LIMIT_PER_MINUTE,
});

const server: Server = app.listen(config.PORT, config.host, () => {
  logger.info(`Commons is listening on ${config.appUrl}`);
});

server.on("error", (error: NodeJS.ErrnoException) => {
  logger.error(
    error.code === "EADDRINUSE"
      ? `port ${config.PORT} is already in use: stop the other server or set PORT`
      : error.message,
  );
  void shutdown("listen error", 1);
});

let stopping = false;
async function shutdown(signal: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: shutting down`);
  server.close();
  server.closeAllConnections();
  await vite?.close();
  await stopBoss().catch(() => {});
  await emulator?.stop();
  await closeDb().catch(() => {});
  await database.embedded?.stop();
  logger.info(`stopped (exit code ${exitCode})`);
  process.exit(exitCode);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

function printDemoAccounts(accounts: { role: string; email: string; password: string }[]) {
  const lines = accounts.map((a) => `  ${a.role.padEnd(20)} ${a.email.padEnd(36)} ${a.password}`);
  console.log(`\nDemo accounts (development only):\n${lines.join("\n")}\n`);
}

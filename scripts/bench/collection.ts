import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import { createTemplate, freePort, startTestCluster } from "../../tests/setup/cluster";

// Collection benchmark (issue 10, section 5): a funded initiative with 1,000 card
// pledges (cards saved at the emulator), collected by the worker against the
// emulator, with the webhooks delivered to the production app. Target: all 1,000
// paid within 30 s. Prints when the last charge was answered (the charges' share)
// and when the last webhook was applied (the webhooks' share).

const PLEDGES = Number(process.env.BENCH_PLEDGES_COLLECTED ?? 1_000);
const TARGET_SECONDS = 30;

const cluster = await startTestCluster("bench-collection");
const url = await createTemplate(cluster.adminUrl, `commons_bench_collection_${process.pid}`);
const port = await freePort();
// The emulator runs in its own process (Stripe is another machine) and, as Stripe
// does, delivers webhooks concurrently and in no promised order.
const { spawn } = await import("node:child_process");
const { handledEventTypes } = await import("../../app/modules/payments/event-processing.server");
const { stripeEventRoutes } = await import("../../app/modules/jobs/registry.server");
// node itself (not npx), so stopping it stops the emulator and not only a wrapper.
const emulatorProfile = process.env.BENCH_PROFILE_EMULATOR
  ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_EMULATOR}`]
  : [];
const child = spawn(
  process.execPath,
  [...emulatorProfile, "--import", "tsx", "scripts/bench/stripe-emulator.ts"],
  {
    env: {
      ...process.env,
      EMULATOR_WEBHOOK_URL: `http://localhost:${port}/webhooks/stripe`,
      EMULATOR_WEBHOOK_SECRET: "whsec_bench_only",
      EMULATOR_DELIVERY_CONCURRENCY: "8",
      // The endpoint subscribes to the events Commons handles, as README tells a deployment to.
      EMULATOR_ENABLED_EVENTS: handledEventTypes(stripeEventRoutes).join(","),
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const emulatorUrl = await new Promise<string>((resolve, reject) => {
  child.stdout!.on("data", (chunk: Buffer) => {
    const match = chunk.toString().match(/emulator (http\S+)/);
    if (match) resolve(match[1]!);
  });
  child.once("exit", () => reject(new Error("the emulator process ended")));
});
const emulator = {
  url: emulatorUrl,
  stats: async () =>
    (await (await fetch(`${emulatorUrl}/_emulator/stats`)).json()) as {
      counts: Record<string, number>;
      delivered: number;
      pending: number;
    },
  stop: () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
};
Object.assign(process.env, {
  STRIPE_SECRET_KEY: "sk_test_bench",
  STRIPE_WEBHOOK_SECRET: "whsec_bench_only",
  NODE_ENV: "production",
  DATABASE_URL: url,
  APP_URL: `http://localhost:${port}`,
  SESSION_SECRET: "bench-session-secret-0123456789",
  STRIPE_API_BASE: emulator.url,
  LOG_LEVEL: "warn",
});

const { getDb, closeDb } = await import("../../db/client.server");
const schema = await import("../../db/schema");
const { buildOpenInitiative, buildOrganization } = await import("../../tests/factories");
const { createPledgeRow } = await import("../../app/modules/pledges/workflow");
const { closeInitiative } = await import("../../app/modules/pledges/deadline.server");
const { stripe } = await import("../../app/modules/payments/stripe.server");
const { stopBoss } = await import("../../app/modules/jobs/boss.server");
const { createApp } = await import("../../server/app");

const db = getDb();
// As deployed on several machines (README): web servers take the webhooks, a worker
// process runs the jobs (the charges and the events).
// BENCH_PROFILE=<dir> writes a V8 CPU profile of the worker there.
const profile = process.env.BENCH_PROFILE
  ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
  : [];
const worker = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/worker.ts"], {
  env: { ...process.env, STRIPE_API_BASE: emulatorUrl },
  stdio: ["ignore", "inherit", "inherit"],
});
const app = await createApp({ production: true, appUrl: process.env.APP_URL! });
const server = app.listen(port);

console.log(`preparing ${PLEDGES} organizations with a card saved at the emulator and a committed pledge…`);
const proposer = await buildOrganization(db, { name: "Bench Proposer" });
const initiative = await buildOpenInitiative(db, proposer.id, {
  goalMinor: PLEDGES * 10_000,
  minBackers: PLEDGES,
});
let prepared = 0;
await Promise.all(
  Array.from({ length: 10 }, async () => {
    while (prepared < PLEDGES) {
      const i = prepared++;
      const organization = await buildOrganization(db, { name: `Bench Pledger ${i}` });
      const customer = await stripe().customers.create({ name: organization.name });
      const pm = (await (
        await fetch(`${emulator.url}/_emulator/customers/${customer.id}/card`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ number: "4242424242424242" }),
        })
      ).json()) as { id: string };
      await db
        .insert(schema.billingProfiles)
        .values({ organizationId: organization.id, stripeCustomerId: customer.id });
      await db.transaction((tx) =>
        createPledgeRow(
          tx,
          {
            initiativeId: initiative.id,
            organizationId: organization.id,
            status: "committed",
            method: "card",
            amountMinor: 10_000 + (i % 7) * 100,
            currency: "USD",
            paymentMethodId: pm.id,
            cardBrand: "visa",
            cardLast4: "4242",
            cardExpMonth: 12,
            cardExpYear: 2034,
          },
          { by: "admin", actorId: null, reason: "bench" },
        ),
      );
    }
  }),
);
while ((await emulator.stats()).pending > 0) await new Promise((r) => setTimeout(r, 100));
const count = async (status: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.pledges)
      .where(and(eq(schema.pledges.initiativeId, initiative.id), eq(schema.pledges.status, status as never)))
  )[0]!.n;
const answered = async () =>
  (
    await db.execute(
      sql`select count(*)::int as n from payment_attempts where pledge_id is not null
           and operation like 'payment-intent.%' and status <> 'started'`,
    )
  )[0] as { n: number };
const eventsBefore = (await emulator.stats()).counts.event ?? 0;

console.log(`${await count("committed")} committed pledges; closing the initiative at its deadline…`);
const started = performance.now();
const after = new Date(initiative.pledgeDeadline!.getTime() + 1000);
const decision = await closeInitiative(db, initiative.id, null, after);
let chargesDoneMs = 0;
for (;;) {
  const elapsed = performance.now() - started;
  if (!chargesDoneMs && (await answered()).n >= PLEDGES) chargesDoneMs = elapsed;
  if ((await count("paid")) >= PLEDGES) break;
  if (elapsed > 180_000) break;
  await new Promise((r) => setTimeout(r, 100));
}
const totalMs = performance.now() - started;
const paid = await count("paid");
const stats = await emulator.stats();
const intents = stats.counts["payment_intent:succeeded"] ?? 0;
const [{ groups }] = (await db.execute(
  sql`select count(*)::int as groups from ledger_groups where kind = 'pledge_payment' and initiative_id = ${initiative.id}`,
)) as unknown as [{ groups: number }];
const webhookEvents = (stats.counts.event ?? 0) - eventsBefore;
const seconds = totalMs / 1000;
console.log(
  `${decision}: ${paid} of ${PLEDGES} pledges paid in ${seconds.toFixed(1)} s (${Math.round(paid / seconds)} pledges/s); ` +
    `charges all answered after ${(chargesDoneMs / 1000).toFixed(1)} s (${((chargesDoneMs / totalMs) * 100).toFixed(0)}% of the time), ` +
    `the last webhooks applied in the remaining ${((totalMs - chargesDoneMs) / 1000).toFixed(1)} s ` +
    `(${((1 - chargesDoneMs / totalMs) * 100).toFixed(0)}%); ${webhookEvents} events, ${stats.delivered} delivered`,
);
console.log(`succeeded PaymentIntents at the emulator: ${intents}; pledge payment ledger groups: ${groups}`);
const ok = paid === PLEDGES && intents === PLEDGES && groups === PLEDGES && seconds <= TARGET_SECONDS;
console.log(
  `${ok ? "PASS" : "FAIL"} collection: ${seconds.toFixed(1)} s (target ≤ ${TARGET_SECONDS} s), exactly one charge each`,
);

server.close();
server.closeAllConnections();
await new Promise<void>((resolve) => {
  worker.once("exit", () => resolve());
  worker.kill("SIGTERM");
});
await stopBoss();
await emulator.stop();
await closeDb();
await cluster.stop();
process.exit(ok ? 0 : 1);

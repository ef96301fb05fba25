import { performance } from "node:perf_hooks";
import { eq, isNull, sql } from "drizzle-orm";
import { createTemplate, freePort, startTestCluster } from "../../tests/setup/cluster";

// Webhook burst benchmark (issue 3): about 1,000 real, signed Stripe events from
// paid memberships, delivered at once to the production build; then every event
// again, to show that duplicates change nothing.

const MEMBERSHIPS = Number(process.env.BENCH_MEMBERSHIPS ?? 125);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const cluster = await startTestCluster("bench");
const url = await createTemplate(cluster.adminUrl, `commons_bench_${process.pid}`);
const port = await freePort();
const { startStripeEmulator } = await import("../../tests/mocks/stripe/emulator");
const emulator = await startStripeEmulator({ webhookUrl: null, webhookSecret: "whsec_bench_only" });
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
const { addMember, buildOrganization, buildUser } = await import("../../tests/factories");
const { startCardCheckout } = await import("../../app/modules/memberships/memberships.server");
const { loadOrganizationFor } = await import("../../app/modules/organizations/organizations.server");
const { startWorker } = await import("../../app/modules/jobs/worker.server");
const { stopBoss } = await import("../../app/modules/jobs/boss.server");
const { createApp } = await import("../../server/app");

const db = getDb();
await startWorker();
const app = await createApp({ production: true, appUrl: process.env.APP_URL! });
const server = app.listen(port);

console.log(`preparing ${MEMBERSHIPS} paid memberships on the emulator (deliveries held)…`);
const [tier] = await db
  .insert(schema.membershipTiers)
  .values({ name: "Standard", priceMinor: 500_000, currency: "USD", hubsIncluded: 2 })
  .returning();
for (let i = 0; i < MEMBERSHIPS; i++) {
  const organization = await buildOrganization(db, { name: `Bench University ${i}` });
  const admin = await buildUser(db, {
    passwordHash: "x",
    email: `bench-${i}-${organization.slug}@example.org`,
  });
  await addMember(db, organization.id, admin.id, "owner");
  const context = await loadOrganizationFor(db, organization.slug, { id: admin.id, isStaff: false }, "view");
  const checkout = await startCardCheckout(db, context, { tierId: tier!.id, viewer: admin });
  await fetch(checkout, {
    method: "POST",
    body: new URLSearchParams({ card: "4242424242424242" }),
    redirect: "manual",
  });
}
await emulator.events.idle();
const events = emulator.store.all("event").slice(0, 1000);
const averageBytes = Math.round(
  events.reduce((sum, e) => sum + JSON.stringify(e, null, 2).length, 0) / Math.max(events.length, 1),
);
console.log(
  `${events.length} signed events ready (${new Set(events.map((e) => e.type)).size} types, ${averageBytes} bytes each on average)`,
);
emulator.webhook.url = `http://localhost:${port}/webhooks/stripe`;

async function burst(label: string) {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < events.length) {
        const event = events[next++]!;
        const payload = JSON.stringify(event);
        const t0 = performance.now();
        const response = await fetch(emulator.webhook.url!, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": emulator.events.sign(payload) },
          body: payload,
        });
        latencies.push(performance.now() - t0);
        if (!response.ok) failures++;
      }
    }),
  );
  const acceptedMs = performance.now() - started;
  for (;;) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.stripeEvents)
      .where(isNull(schema.stripeEvents.processedAt));
    if ((row?.n ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  // Let the last batches' jobs settle before reading the figures.
  await new Promise((r) => setTimeout(r, 500));
  const processedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(
    `${label}: ${events.length} events, ${failures} non-2xx; accepted in ${(acceptedMs / 1000).toFixed(2)} s ` +
      `(${Math.round(events.length / (acceptedMs / 1000))} events/s, p50 ${pct(50)} ms, p99 ${pct(99)} ms); ` +
      `all processed after ${(processedMs / 1000).toFixed(2)} s (${Math.round(events.length / (processedMs / 1000))} events/s end to end)`,
  );
}

async function snapshot() {
  const [[stored], [ledger], [emails], active, [deliveries]] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(schema.stripeEvents),
    db
      .select({
        n: sql<number>`count(*)::int`,
        sum: sql<number>`coalesce(sum(${schema.ledgerEntries.amountMinor}), 0)::bigint`.mapWith(Number),
      })
      .from(schema.ledgerEntries)
      .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerEntries.accountId))
      .where(eq(schema.ledgerAccounts.kind, "stripe_balance")),
    db.select({ n: sql<number>`count(*)::int` }).from(schema.emailMessages),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.memberships)
      .where(eq(schema.memberships.status, "active")),
    db.select({ n: sql<number>`sum(deliveries)::int` }).from(schema.stripeEvents),
  ]);
  return {
    storedEvents: stored!.n,
    ledgerEntries: ledger!.n,
    ledgerSumMinor: ledger!.sum,
    emails: emails!.n,
    activeMemberships: active[0]!.n,
    deliveries: deliveries!.n,
  };
}

await burst("first delivery");
const first = await snapshot();
console.log("state after first delivery:", first);
await burst("duplicate delivery");
const second = await snapshot();
console.log("state after duplicates:   ", second);
const unchanged = (
  ["storedEvents", "ledgerEntries", "ledgerSumMinor", "emails", "activeMemberships"] as const
).every((k) => first[k] === second[k]);
console.log(
  unchanged
    ? `duplicates changed nothing (deliveries counted: ${second.deliveries})`
    : "DUPLICATES CHANGED STATE",
);

server.close();
server.closeAllConnections();
await stopBoss();
await emulator.stop();
await closeDb();
await cluster.stop();
process.exit(unchanged ? 0 : 1);

import { type ChildProcess, spawn } from "node:child_process";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { ledgerGroups, pledges } from "#db/schema";
import { stopBoss } from "~/modules/jobs/boss.server";
import { startWorker } from "~/modules/jobs/worker.server";
import { requeueStalledEvents } from "~/modules/payments/webhooks.server";
import { closeInitiative } from "~/modules/pledges/deadline.server";
import { sweepPledges } from "~/modules/pledges/sweep.server";
import { openInitiative, pledgeByCard, pledger } from "./pledge-helpers";
import { eventually, type Harness, startStripeHarness } from "./stripe-harness";

// Issue 10, "exactly once, whatever happens" (a): a real worker process collects a
// funded initiative and is killed (SIGKILL) in the middle; another worker starts, the
// clocks find what the dead one left (collections and events without a live job), and
// every pledge ends charged once and recorded once. PaymentIntents are counted in the
// emulator. In its own file: its own database, emulator and worker.

const db = getDb();
let harness: Harness;
let child: ChildProcess | undefined;
beforeAll(async () => {
  harness = await startStripeHarness();
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await harness.stop();
});

const PLEDGES = 12;

describe("a worker killed in the middle of a collection", () => {
  // A worker process starts (its wait allows 30 s), charges, is killed, and another finishes: more
  // than the 20 s a test gets by default, which would otherwise run out before the test's own waits.
  it("charges every pledge once after another worker takes over", async () => {
    const initiative = await openInitiative({ goalMinor: PLEDGES * 10_000, minBackers: PLEDGES });
    const ids: string[] = [];
    for (let i = 0; i < PLEDGES; i++)
      ids.push((await pledgeByCard(await pledger(`Killed ${i}`), initiative.id, "100")).id);

    // This process stops working jobs; a separate worker process takes them.
    await stopBoss();
    let output = "";
    child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await eventually(
      async () => output.includes("job worker started"),
      "the worker process to start",
      30_000,
    );

    expect(await closeInitiative(db, initiative.id, null, new Date(Date.now() + 15 * 86_400_000))).toBe(
      "funded",
    );
    // Kill it as soon as it has charged some of the pledges, and not all.
    const attempted = () =>
      db.execute(
        sql`select count(*)::int as n from payment_attempts where pledge_id in (select id from pledges where initiative_id = ${initiative.id}) and operation like 'payment-intent.%'`,
      );
    await eventually(
      async () => ((await attempted())[0] as { n: number }).n >= 2,
      "the first charges",
      30_000,
    );
    child.kill("SIGKILL");
    await new Promise((resolve) => child!.once("exit", resolve));
    const paidWhenKilled = (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(pledges)
        .where(and(eq(pledges.initiativeId, initiative.id), eq(pledges.status, "paid")))
    )[0]!.n;
    expect(paidWhenKilled).toBeLessThan(PLEDGES);

    // A new worker; its clocks run (moved past the two minutes after which work is considered abandoned).
    await startWorker();
    const later = new Date(Date.now() + 10 * 60_000);
    await eventually(
      async () => {
        await requeueStalledEvents(db, later);
        await sweepPledges(db, later);
        const rows = await db.select().from(pledges).where(eq(pledges.initiativeId, initiative.id));
        return rows.every((p) => p.status === "paid");
      },
      "every pledge paid",
      60_000,
    );

    const intents = [...harness.emulator.store.objects.values()].filter(
      (o) =>
        o.object === "payment_intent" &&
        ids.includes(String((o.metadata as Record<string, string>)?.pledgeId)),
    );
    expect(intents).toHaveLength(PLEDGES);
    expect(intents.every((i) => i.status === "succeeded")).toBe(true);
    const charges = [...harness.emulator.store.objects.values()].filter(
      (o) =>
        o.object === "charge" &&
        o.status === "succeeded" &&
        ids.includes(String((o.metadata as Record<string, string>)?.pledgeId)),
    );
    expect(charges).toHaveLength(PLEDGES);
    const payments = await db
      .select()
      .from(ledgerGroups)
      .where(and(eq(ledgerGroups.initiativeId, initiative.id), eq(ledgerGroups.kind, "pledge_payment")));
    expect(payments).toHaveLength(PLEDGES);
  }, 120_000);
});

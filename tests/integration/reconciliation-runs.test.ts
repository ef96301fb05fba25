import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { memberships, membershipTiers, reconciliationRuns } from "#db/schema";
import { buildOrganization, buildUser } from "#tests/factories";
import { type StripeEmulator, startStripeEmulator } from "#tests/mocks/stripe/emulator";
import { reloadEnv } from "~/lib/env.server";
import { latestReconciliation, reconcileLedger } from "~/modules/ledger/reconciliation.server";

// Issue 13, item 10: every reconciliation run is recorded, so staff can tell a run
// that matched from one that never happened, and see one that failed.

const db = getDb();
let emulator: StripeEmulator;

beforeAll(async () => {
  emulator = await startStripeEmulator({});
  process.env.STRIPE_API_BASE = emulator.url;
  reloadEnv();
});
afterAll(() => emulator.stop());

describe("reconciliation runs", () => {
  it("says none has run, then what a run by a staff member found, then a run that failed", async () => {
    expect(await latestReconciliation(db)).toEqual({ latest: null, completed: null, issues: [] });

    const staff = await buildUser(db, { passwordHash: "x", name: "Rita Reconciler", isStaff: true });
    await reconcileLedger(db, { requestedById: staff.id });
    const clean = await latestReconciliation(db);
    expect(clean.completed).toMatchObject({
      checked: 0,
      mismatches: 0,
      error: null,
      requestedBy: "Rita Reconciler",
    });
    expect(clean.latest?.id).toBe(clean.completed?.id);
    expect(clean.issues).toEqual([]);

    // A card membership whose subscription Stripe does not know: one difference, by the schedule.
    const organization = await buildOrganization(db);
    const [tier] = await db
      .insert(membershipTiers)
      .values({ name: "Standard", priceMinor: 500_000, currency: "USD", hubsIncluded: 2 })
      .returning();
    await db.insert(memberships).values({
      organizationId: organization.id,
      tierId: tier!.id,
      status: "active",
      method: "card",
      amountMinor: 500_000,
      currency: "USD",
      stripeSubscriptionId: "sub_unknown_to_stripe",
    });
    const { runAt } = await reconcileLedger(db, { now: new Date(Date.now() + 1000) });
    const differing = await latestReconciliation(db);
    // Two differences: Stripe lacks the subscription, and the ledger lacks its payment.
    expect(differing.completed).toMatchObject({ checked: 1, mismatches: 2, requestedBy: null });
    expect(new Date(differing.completed!.startedAt)).toEqual(runAt);
    expect(differing.issues).toHaveLength(2);
    expect(differing.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          processorObjectId: "sub_unknown_to_stripe",
          problem: "subscription unknown to Stripe",
        }),
      ]),
    );

    // Stripe unreachable: the run is recorded as failed, and the last finished run still shows.
    await emulator.stop();
    await expect(reconcileLedger(db, { now: new Date(Date.now() + 2000) })).rejects.toThrow();
    const failed = await latestReconciliation(db);
    expect(failed.latest).toMatchObject({ error: expect.any(String), finishedAt: expect.any(Date) });
    expect(failed.completed?.id).toBe(differing.completed?.id);
    expect(failed.issues).toEqual(differing.issues);

    // "Run now" is a job pg-boss retries: one request that keeps failing is one run with its attempts.
    const retried = { requestedById: staff.id, jobId: "job-run-now" };
    await expect(reconcileLedger(db, { ...retried, now: new Date(Date.now() + 3000) })).rejects.toThrow();
    await expect(reconcileLedger(db, { ...retried, now: new Date(Date.now() + 4000) })).rejects.toThrow();
    const twice = await latestReconciliation(db);
    expect(twice.latest).toMatchObject({
      attempts: 2,
      error: expect.any(String),
      requestedBy: "Rita Reconciler",
    });
    const runs = await db.select().from(reconciliationRuns);
    expect(runs.filter((r) => r.jobId === "job-run-now")).toHaveLength(1);

    // Its third attempt, with Stripe back, succeeds and is the last run, with no error left.
    emulator = await startStripeEmulator({ port: Number(new URL(emulator.url).port) });
    await reconcileLedger(db, { ...retried, now: new Date(Date.now() + 5000) });
    const recovered = await latestReconciliation(db);
    expect(recovered.latest).toMatchObject({ attempts: 3, error: null, finishedAt: expect.any(Date) });
    expect(recovered.completed?.id).toBe(twice.latest?.id);
    expect(await db.select().from(reconciliationRuns)).toHaveLength(runs.length);
  }, 60_000);
});

import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { initiatives, initiativeTransitions } from "#db/schema";
import { closeLapsedInitiatives } from "~/modules/pledges/deadline.server";
import { initiativeOf, openInitiative, pledgeByInvoice, pledger } from "./pledge-helpers";
import { type Harness, startStripeHarness } from "./stripe-harness";

// Issue 10, "exactly once, whatever happens" (d): a crowd pledging in the last minute.
// In its own file (its own database and emulator): funding it issues 100 invoices.

const db = getDb();
let harness: Harness;
beforeAll(async () => {
  harness = await startStripeHarness();
});
afterAll(() => harness.stop());

describe("the last minute", () => {
  // 100 pledges and, on funding, 100 invoices at the emulator: more than 20 s on a busy machine.
  it("100 organizations pledging at once in the last minute: exact totals, and exactly one funding transition", async () => {
    const initiative = await openInitiative({ goalMinor: 5_000_000, minBackers: 100 });
    const everyone = await Promise.all(Array.from({ length: 100 }, (_, i) => pledger(`Crowd ${i}`)));
    await db
      .update(initiatives)
      .set({ pledgeDeadline: new Date(Date.now() + 60_000) })
      .where(eq(initiatives.id, initiative.id));
    await Promise.all(everyone.map((who, i) => pledgeByInvoice(who, initiative.id, String(500 + i))));
    const expected = everyone.reduce((sum, _, i) => sum + (500 + i) * 100, 0);
    const row = await initiativeOf(initiative.id);
    expect(row).toMatchObject({ pledgedMinor: expected, pledgeOrganizations: 100 });
    const [{ sum }] = (await db.execute(
      sql`select sum(amount_minor)::bigint as sum from pledges where initiative_id = ${initiative.id} and status = 'committed'`,
    )) as unknown as [{ sum: string }];
    expect(Number(sum)).toBe(expected);
    // Two workers close it at the same moment.
    const after = new Date(Date.now() + 120_000);
    const [first, second] = await Promise.all([
      closeLapsedInitiatives(db, after),
      closeLapsedInitiatives(db, after),
    ]);
    expect([...first, ...second].filter((s) => s === "funded").length).toBeGreaterThanOrEqual(1);
    const transitions = await db
      .select()
      .from(initiativeTransitions)
      .where(
        and(
          eq(initiativeTransitions.initiativeId, initiative.id),
          eq(initiativeTransitions.toStatus, "funded"),
        ),
      );
    expect(transitions).toHaveLength(1);
  }, 90_000);
});

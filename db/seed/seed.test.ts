import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { initiatives } from "#db/schema";
import { type StripeEmulator, startStripeEmulator } from "#tests/mocks/stripe/emulator";
import { reloadEnv } from "~/lib/env.server";
import { ledgerIntegrityProblems } from "~/modules/ledger/integrity.server";
import { reconcileLedger } from "~/modules/ledger/reconciliation.server";
import { listPublicOrganizations, networkStats } from "~/modules/organizations/directory.server";
import { seed } from "./index";
import { MEMBERSHIPS } from "./memberships";

// The demo network `npm run dev` and the browser journeys start from (issue 13, item 4):
// proposals that read like real ones, members beside participating organizations, and
// money records that pass the checks staff rely on.

let emulator: StripeEmulator;

beforeAll(async () => {
  emulator = await startStripeEmulator();
  process.env.STRIPE_API_BASE = emulator.url;
  reloadEnv();
  await seed(getDb());
}, 60_000);

afterAll(async () => {
  await emulator.stop();
});

describe("demo proposals", () => {
  it("each has its own problem, solution and plan, not one filled in from its title", async () => {
    const rows = await getDb().select().from(initiatives);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    const written = rows.filter((r) => r.problem || r.solution || r.plan);
    // One draft is left blank on purpose: a proposal someone started and never wrote.
    expect(rows.length - written.length).toBe(1);
    for (const field of ["problem", "solution", "plan"] as const) {
      const bodies = written.map((r) => r[field]);
      expect(bodies.every((b) => b.trim().length >= 60)).toBe(true);
      expect(new Set(bodies).size).toBe(bodies.length);
    }
    for (const row of written) {
      const title = row.title.toLowerCase();
      for (const body of [row.problem, row.solution, row.plan])
        expect(body.toLowerCase(), row.title).not.toContain(title);
    }
  });
});

describe("demo updates", () => {
  it("each funded initiative tells its own progress, not one shared template", async () => {
    const rows = (await getDb().execute(sql`
      select i.title, u.title as update_title, u.body from initiative_updates u
        join initiatives i on i.id = u.initiative_id`)) as unknown as {
      title: string;
      update_title: string;
      body: string;
    }[];
    expect(new Set(rows.map((r) => r.title)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(rows.map((r) => r.body)).size).toBe(rows.length);
  });
});

describe("demo reviews", () => {
  it("each approval, staff note and endorsement note is written for its initiative, not a template", async () => {
    const texts = async (query: ReturnType<typeof sql>) =>
      ((await getDb().execute(query)) as unknown as { text: string }[]).map((r) => r.text);
    const approvals = await texts(
      sql`select rationale as text from initiative_transitions where to_status = 'open' and is_public`,
    );
    const staffNotes = await texts(sql`select body as text from initiative_notes`);
    const endorsementNotes = await texts(sql`select note as text from endorsements where note <> ''`);
    expect(approvals.length).toBeGreaterThanOrEqual(10);
    expect(staffNotes.length).toBeGreaterThanOrEqual(20);
    for (const written of [approvals, staffNotes, endorsementNotes]) {
      expect(written.every((t) => t.trim().length >= 40)).toBe(true);
      expect(new Set(written).size).toBe(written.length);
    }
  });
});

describe("demo memberships", () => {
  it("makes several organizations members and leaves others participating", async () => {
    const db = getDb();
    const live = (await db.execute(sql`
      select o.slug, m.method, m.status from memberships m join organizations o on o.id = m.organization_id
       where m.status in ('active', 'past_due') order by o.slug`)) as unknown as {
      slug: string;
      method: string;
    }[];
    expect(live.map((m) => m.slug)).toEqual(MEMBERSHIPS.map((m) => m.org).sort());
    expect(new Set(live.map((m) => m.method))).toEqual(new Set(["invoice", "subsidy"]));

    const stats = await networkStats(db);
    expect(stats.institutions).toBeGreaterThanOrEqual(2);
    expect(stats.communities).toBeGreaterThanOrEqual(2);
    expect(stats.participating).toBeGreaterThanOrEqual(3);

    // A member that keeps its membership private is counted but not named as a member.
    const named = await listPublicOrganizations(db, { page: 1, standing: "member" });
    expect(named.organizations.map((o) => o.slug)).not.toContain("open-climate-society");
    expect(named.total).toBe(stats.institutions + stats.communities - 1);
  });

  it("records each paid membership in the ledger with a receipt, and the checks find nothing", async () => {
    const db = getDb();
    const paid = (await db.execute(sql`
      select m.amount_minor, g.processor_object_id, r.amount_minor as receipt
        from memberships m
        join ledger_groups g on g.membership_id = m.id and g.kind = 'membership_payment'
        join receipts r on r.membership_id = m.id
       where m.method = 'invoice'`)) as unknown as { amount_minor: number; receipt: number }[];
    expect(paid.length).toBe(MEMBERSHIPS.filter((m) => m.method === "invoice").length);
    for (const row of paid) expect(Number(row.receipt)).toBe(row.amount_minor);

    expect(await ledgerIntegrityProblems(db)).toEqual([]);
    const reconciliation = await reconcileLedger(db);
    expect(reconciliation.problems).toBe(0);
  });
});

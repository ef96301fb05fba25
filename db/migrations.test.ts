import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { dropDatabase, recreateDatabase } from "#tests/setup/cluster";
import { runMigrations } from "./migrate";

// Migration 0006 (ADR 0012) carries the single-entry ledger into the double-entry
// shape. This runs it on a database that holds the old shape with real rows.

const adminUrl = inject("adminUrl");
const name = `commons_migration_${process.pid}`;
afterAll(() => dropDatabase(adminUrl, name));

/** A copy of the migrations folder whose journal stops before `tag`. */
function migrationsBefore(tag: string) {
  const folder = mkdtempSync(path.join(tmpdir(), "commons-migrations-"));
  cpSync(path.join(import.meta.dirname, "migrations"), folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as {
    entries: { tag: string; idx: number }[];
  };
  const stop = journal.entries.findIndex((e) => e.tag === tag);
  journal.entries = journal.entries.slice(0, stop);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe("migration 0006: the double-entry ledger", () => {
  it("turns every old ledger row into a balanced group with its membership, and keeps the old rows read-only", async () => {
    const url = await recreateDatabase(adminUrl, name);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const folder = migrationsBefore("0006_double_entry_ledger");
    try {
      await migrate(drizzle(sql), { migrationsFolder: folder });
      const [org] =
        await sql`insert into organizations (name, slug, kind) values ('Tide University', 'tide-university', 'institution') returning id`;
      const [tier] =
        await sql`insert into membership_tiers (name, price_minor, currency, hubs_included) values ('Standard', 500000, 'USD', 2) returning id`;
      const [membership] =
        await sql`insert into memberships (organization_id, tier_id, status, method, amount_minor, currency)
        values (${org!.id}, ${tier!.id}, 'active', 'card', 500000, 'USD') returning id`;
      await sql`insert into ledger_entries (kind, amount_minor, currency, organization_id, subject_type, subject_id, processor_object_id, occurred_at, description) values
        ('membership_payment', 500000, 'USD', ${org!.id}, 'membership', ${membership!.id}, 'in_old_1', '2026-03-01T10:00:00Z', 'Membership invoice COMMONS-0001'),
        ('processor_fee', -14530, 'USD', ${org!.id}, 'membership', ${membership!.id}, 'txn_old_1', '2026-03-01T10:00:00Z', 'Stripe fee on invoice COMMONS-0001')`;
    } finally {
      await sql.end();
      rmSync(folder, { recursive: true, force: true });
    }

    await runMigrations(url);

    const after = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const groups =
        await after`select kind, idempotency_key, processor_object_id, organization_id, membership_id, occurred_at
        from ledger_groups order by kind`;
      expect(groups.map((g) => [g.kind, g.idempotency_key, g.processor_object_id])).toEqual([
        ["membership_payment", "membership-payment:in_old_1", "in_old_1"],
        ["processor_fee", "processor-fee:txn_old_1", "txn_old_1"],
      ]);
      expect(groups[0]!.membership_id).toBeTruthy();
      const balances = await after`select a.kind, sum(e.amount_minor)::bigint as total from ledger_entries e
        join ledger_accounts a on a.id = e.account_id group by a.kind order by a.kind`;
      expect(Object.fromEntries(balances.map((b) => [b.kind, Number(b.total)]))).toEqual({
        network_dues: -500_000,
        organization: 0,
        processor_fees: 14_530,
        stripe_balance: 485_470,
      });
      const unbalanced =
        await after`select group_id from ledger_entries group by group_id, currency having sum(amount_minor) <> 0`;
      expect(unbalanced).toHaveLength(0);
      // The old rows stay, read-only; the new ones cannot be changed either.
      expect(await after`select count(*)::int as n from ledger_entries_v1`).toEqual([{ n: 2 }]);
      await expect(after`delete from ledger_entries_v1`).rejects.toThrow(/append-only/);
      await expect(after`update ledger_entries set amount_minor = 1`).rejects.toThrow(/append-only/);
      await expect(after`delete from ledger_groups`).rejects.toThrow(/append-only/);
      // The carried-over payment has no receipt (receipts did not exist): not a problem to report.
      const { createPool } = await import("./client.server");
      const { ledgerIntegrityProblems } = await import("~/modules/ledger/integrity.server");
      const pool = createPool(url, 1);
      try {
        expect(await ledgerIntegrityProblems(pool.db)).toEqual([]);
      } finally {
        await pool.sql.end();
      }
    } finally {
      await after.end();
    }
  });

  it("refuses to commit a group that does not balance", async () => {
    const url = await recreateDatabase(adminUrl, `${name}_b`);
    await runMigrations(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [account] = await sql`select id from ledger_accounts where kind = 'stripe_balance'`;
      const attempt = sql.begin(async (tx) => {
        const [group] =
          await tx`insert into ledger_groups (kind, idempotency_key, occurred_at) values ('correction', 'k1', now()) returning id`;
        await tx`insert into ledger_entries (group_id, account_id, amount_minor, currency) values (${group!.id}, ${account!.id}, 100, 'USD')`;
      });
      await expect(attempt).rejects.toThrow(/does not balance: 100 USD left over/);
      expect(await sql`select count(*)::int as n from ledger_groups`).toEqual([{ n: 0 }]);
    } finally {
      await sql.end();
      await dropDatabase(adminUrl, `${name}_b`);
    }
  });
});

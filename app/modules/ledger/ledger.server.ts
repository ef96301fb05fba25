import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { type LedgerKind, ledgerEntries } from "#db/schema";

// The append-only ledger (issue 3, item 5). Entries are only ever inserted; the
// unique (kind, processor object id) pair makes recording idempotent.

export type LedgerEntryInput = {
  kind: LedgerKind;
  amountMinor: number;
  currency: string;
  organizationId: string | null;
  subjectType: string;
  subjectId: string;
  processorObjectId: string;
  occurredAt: Date;
  description?: string;
};

/** Returns true when the entry was new, false when it was already recorded. */
export async function recordLedgerEntry(db: Db, entry: LedgerEntryInput) {
  if (!Number.isSafeInteger(entry.amountMinor)) throw new Error("ledger amounts are integer minor units");
  const rows = await db
    .insert(ledgerEntries)
    .values({ ...entry, currency: entry.currency.toUpperCase(), description: entry.description ?? "" })
    .onConflictDoNothing({ target: [ledgerEntries.kind, ledgerEntries.processorObjectId] })
    .returning({ id: ledgerEntries.id });
  return rows.length > 0;
}

export function listLedgerEntries(
  db: Db,
  options: { since?: Date; organizationId?: string; limit?: number } = {},
) {
  return db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        options.since ? gte(ledgerEntries.occurredAt, options.since) : undefined,
        options.organizationId ? eq(ledgerEntries.organizationId, options.organizationId) : undefined,
      ),
    )
    .orderBy(desc(ledgerEntries.occurredAt))
    .limit(options.limit ?? 500);
}

/** Sums by kind and currency, in SQL. */
export function ledgerTotals(db: Db, options: { since?: Date } = {}) {
  return db
    .select({
      kind: ledgerEntries.kind,
      currency: ledgerEntries.currency,
      totalMinor: sql<number>`sum(${ledgerEntries.amountMinor})::bigint`.mapWith(Number),
      entries: sql<number>`count(*)::int`,
    })
    .from(ledgerEntries)
    .where(options.since ? gte(ledgerEntries.occurredAt, options.since) : undefined)
    .groupBy(ledgerEntries.kind, ledgerEntries.currency);
}

import { and, asc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  type LedgerAccountKind,
  type LedgerGroupKind,
  ledgerAccounts,
  ledgerEntries,
  ledgerGroups,
  organizations,
} from "#db/schema";

// Reading the ledger (ADR 0012): balances, statement lines and groups with the amount
// that moved through the Stripe balance. Writing is in ledger.server.ts and
// movements.server.ts.

/** Balances per account kind and currency (what the staff page shows), in SQL. */
export function accountBalances(db: Db, options: { since?: Date } = {}) {
  return db
    .select({
      kind: ledgerAccounts.kind,
      currency: ledgerEntries.currency,
      totalMinor: sql<number>`sum(${ledgerEntries.amountMinor})::bigint`.mapWith(Number),
      entries: sql<number>`count(*)::int`,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
    .where(options.since ? gte(ledgerGroups.occurredAt, options.since) : undefined)
    .groupBy(ledgerAccounts.kind, ledgerEntries.currency)
    .orderBy(ledgerAccounts.kind);
}

export type StatementLine = {
  groupId: string;
  occurredAt: Date;
  kind: LedgerGroupKind;
  description: string;
  reference: string | null;
  organizationName: string | null;
  account: LedgerAccountKind;
  amountMinor: number;
  currency: string;
};

/**
 * Statement lines for a period: every entry of the groups about one organization
 * (or of all groups, for the network), oldest first.
 */
export function statementLines(db: Db, input: { from: Date; to: Date; organizationId?: string }) {
  return (
    db
      .select({
        groupId: ledgerGroups.id,
        occurredAt: ledgerGroups.occurredAt,
        kind: ledgerGroups.kind,
        description: ledgerGroups.description,
        reference: ledgerGroups.processorObjectId,
        organizationName: organizations.name,
        account: ledgerAccounts.kind,
        amountMinor: ledgerEntries.amountMinor,
        currency: ledgerEntries.currency,
      })
      .from(ledgerEntries)
      .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
      .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
      .leftJoin(organizations, eq(organizations.id, ledgerGroups.organizationId))
      .where(
        and(
          gte(ledgerGroups.occurredAt, input.from),
          lt(ledgerGroups.occurredAt, input.to),
          input.organizationId ? eq(ledgerGroups.organizationId, input.organizationId) : undefined,
        ),
      )
      // A fee follows the payment it was taken from, even at the same instant.
      .orderBy(
        asc(ledgerGroups.occurredAt),
        sql`${ledgerGroups.kind} = 'processor_fee'`,
        asc(ledgerGroups.id),
        asc(ledgerEntries.id),
      )
  );
}

/**
 * Ledger groups with the amount that moved through the Stripe balance (money in
 * positive, fees and refunds negative), oldest first: what reconciliation compares
 * with Stripe and what tests read as "the payments".
 */
export function groupsThroughStripe(db: Db, where: SQL | undefined) {
  return db
    .select({
      kind: ledgerGroups.kind,
      processorObjectId: ledgerGroups.processorObjectId,
      membershipId: ledgerGroups.membershipId,
      occurredAt: ledgerGroups.occurredAt,
      amountMinor:
        sql<number>`coalesce(sum(${ledgerEntries.amountMinor}) filter (where ${ledgerAccounts.kind} = 'stripe_balance'), 0)::bigint`.mapWith(
          Number,
        ),
      currency: sql<string>`min(${ledgerEntries.currency})`,
    })
    .from(ledgerGroups)
    .innerJoin(ledgerEntries, eq(ledgerEntries.groupId, ledgerGroups.id))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(where)
    .groupBy(ledgerGroups.id)
    .orderBy(asc(ledgerGroups.occurredAt));
}

/** One organization's money movements. */
export function organizationPayments(db: Db, organizationId: string) {
  return groupsThroughStripe(db, eq(ledgerGroups.organizationId, organizationId));
}

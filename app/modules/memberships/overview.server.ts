import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  ledgerAccounts,
  ledgerEntries,
  ledgerGroups,
  type MembershipStatus,
  membershipStatuses,
  memberships,
  membershipTiers,
  organizations,
} from "#db/schema";

// The staff view of every membership (issue 3, item 12): money figures come from
// the ledger, summed in SQL.

export const OVERVIEW_PAGE_SIZE = 50;

export function parseStatusFilter(value: string | null): MembershipStatus | undefined {
  return membershipStatuses.find((s) => s === value);
}

const rowsQuery = (db: Db, status?: MembershipStatus) =>
  db
    .select({
      id: memberships.id,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      tierName: membershipTiers.name,
      status: memberships.status,
      method: memberships.method,
      amountMinor: memberships.amountMinor,
      currency: memberships.currency,
      currentPeriodEnd: memberships.currentPeriodEnd,
      cancelAtPeriodEnd: memberships.cancelAtPeriodEnd,
      poNumber: memberships.poNumber,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(status ? eq(memberships.status, status) : undefined)
    .orderBy(asc(organizations.name), desc(memberships.createdAt));

export async function listMemberships(db: Db, options: { page: number; status?: MembershipStatus }) {
  const [rows, [count]] = await Promise.all([
    rowsQuery(db, options.status)
      .limit(OVERVIEW_PAGE_SIZE)
      .offset((options.page - 1) * OVERVIEW_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(memberships)
      .where(options.status ? eq(memberships.status, options.status) : undefined),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** Every membership, for the CSV export. */
export function allMemberships(db: Db, status?: MembershipStatus) {
  return rowsQuery(db, status);
}

export function revenueThisYearByTier(db: Db, now = new Date()) {
  const yearStart = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  return db
    .select({
      tierName: membershipTiers.name,
      currency: ledgerEntries.currency,
      totalMinor: sql<number>`sum(-${ledgerEntries.amountMinor})::bigint`.mapWith(Number),
      payments: sql<number>`count(*)::int`,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .innerJoin(memberships, eq(memberships.id, ledgerGroups.membershipId))
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(
      and(
        eq(ledgerGroups.kind, "membership_payment"),
        eq(ledgerAccounts.kind, "network_dues"),
        gte(ledgerGroups.occurredAt, yearStart),
      ),
    )
    .groupBy(membershipTiers.name, ledgerEntries.currency)
    .orderBy(membershipTiers.name);
}

export function outstandingInvoices(db: Db) {
  return db
    .select({
      id: memberships.id,
      organizationName: organizations.name,
      tierName: membershipTiers.name,
      amountMinor: memberships.amountMinor,
      currency: memberships.currency,
      invoiceUrl: memberships.invoiceUrl,
      poNumber: memberships.poNumber,
      issuedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(and(eq(memberships.method, "invoice"), inArray(memberships.status, ["pending"])))
    .orderBy(asc(memberships.createdAt));
}

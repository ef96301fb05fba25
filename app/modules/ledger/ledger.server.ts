import { and, eq, isNull, or } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import {
  type LedgerAccountKind,
  type LedgerGroupKind,
  ledgerAccounts,
  ledgerEntries,
  ledgerGroups,
  organizations,
} from "#db/schema";

// The double-entry ledger (ADR 0012). Money moves only as a group of entries that
// sums to zero per currency (the database checks at commit); groups are keyed by an
// idempotency key, so recording the same Stripe object twice changes nothing. Rows
// are never updated or deleted: a correction is a new, reversing group. The movements
// Commons records (payments, fees, matches, refunds) are in movements.server.ts.

export type AccountRef =
  | { kind: Exclude<LedgerAccountKind, "organization" | "initiative_funds"> }
  | { kind: "organization"; organizationId: string }
  | { kind: "initiative_funds"; initiativeId: string };

const ACCOUNT_NAMES: Record<LedgerAccountKind, string> = {
  stripe_balance: "Stripe balance",
  organization: "Organization",
  network_dues: "Membership dues",
  matching_pool: "Matching pool",
  initiative_funds: "Initiative funds",
  processor_fees: "Processor fees",
};

/** The account's id, created on first use. */
export async function accountId(db: Db, ref: AccountRef): Promise<string> {
  const organizationId = ref.kind === "organization" ? ref.organizationId : null;
  const initiativeId = ref.kind === "initiative_funds" ? ref.initiativeId : null;
  const where = and(
    eq(ledgerAccounts.kind, ref.kind),
    organizationId
      ? eq(ledgerAccounts.organizationId, organizationId)
      : isNull(ledgerAccounts.organizationId),
    initiativeId ? eq(ledgerAccounts.initiativeId, initiativeId) : isNull(ledgerAccounts.initiativeId),
  );
  const [existing] = await db.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(where);
  if (existing) return existing.id;
  let name = ACCOUNT_NAMES[ref.kind];
  if (organizationId) {
    const [org] = await db
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, organizationId));
    name = org?.name ?? name;
  }
  await db
    .insert(ledgerAccounts)
    .values({ kind: ref.kind, organizationId, initiativeId, name })
    .onConflictDoNothing();
  const [created] = await db.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(where);
  return created!.id;
}

const refKey = (ref: AccountRef) =>
  `${ref.kind}:${ref.kind === "organization" ? ref.organizationId : ref.kind === "initiative_funds" ? ref.initiativeId : ""}`;

/** The ids of several accounts in one query; any missing one is created. */
async function accountIds(db: Db, refs: AccountRef[]) {
  const rows = await db
    .select({
      id: ledgerAccounts.id,
      kind: ledgerAccounts.kind,
      organizationId: ledgerAccounts.organizationId,
      initiativeId: ledgerAccounts.initiativeId,
    })
    .from(ledgerAccounts)
    .where(
      or(
        ...refs.map((ref) =>
          ref.kind === "organization"
            ? and(eq(ledgerAccounts.kind, ref.kind), eq(ledgerAccounts.organizationId, ref.organizationId))
            : ref.kind === "initiative_funds"
              ? and(eq(ledgerAccounts.kind, ref.kind), eq(ledgerAccounts.initiativeId, ref.initiativeId))
              : and(
                  eq(ledgerAccounts.kind, ref.kind),
                  isNull(ledgerAccounts.organizationId),
                  isNull(ledgerAccounts.initiativeId),
                ),
        ),
      ),
    );
  const known = new Map(rows.map((r) => [`${r.kind}:${r.organizationId ?? r.initiativeId ?? ""}`, r.id]));
  const ids: string[] = [];
  for (const ref of refs) {
    const key = refKey(ref);
    if (!known.has(key)) known.set(key, await accountId(db, ref));
    ids.push(known.get(key)!);
  }
  return ids;
}

export type LedgerGroupInput = {
  kind: LedgerGroupKind;
  idempotencyKey: string;
  occurredAt: Date;
  description: string;
  processorObjectId?: string | null;
  organizationId?: string | null;
  membershipId?: string | null;
  pledgeId?: string | null;
  initiativeId?: string | null;
  recordedById?: string | null;
  entries: { account: AccountRef; amountMinor: number; currency: string }[];
};

/** Posts one balanced group; returns false when its idempotency key was already posted. */
export async function postLedgerGroup(tx: Tx, input: LedgerGroupInput) {
  const totals = new Map<string, number>();
  for (const entry of input.entries) {
    if (!Number.isSafeInteger(entry.amountMinor) || entry.amountMinor === 0)
      throw new Error("ledger amounts are non-zero integer minor units");
    const currency = entry.currency.toUpperCase();
    totals.set(currency, (totals.get(currency) ?? 0) + entry.amountMinor);
  }
  for (const [currency, total] of totals)
    if (total !== 0) throw new Error(`ledger group ${input.idempotencyKey} does not balance in ${currency}`);
  const [group] = await tx
    .insert(ledgerGroups)
    .values({
      kind: input.kind,
      idempotencyKey: input.idempotencyKey,
      occurredAt: input.occurredAt,
      description: input.description,
      processorObjectId: input.processorObjectId ?? null,
      organizationId: input.organizationId ?? null,
      membershipId: input.membershipId ?? null,
      pledgeId: input.pledgeId ?? null,
      initiativeId: input.initiativeId ?? null,
      recordedById: input.recordedById ?? null,
    })
    .onConflictDoNothing({ target: ledgerGroups.idempotencyKey })
    .returning({ id: ledgerGroups.id });
  if (!group) return false;
  const ids = await accountIds(
    tx,
    input.entries.map((e) => e.account),
  );
  await tx.insert(ledgerEntries).values(
    input.entries.map((entry, i) => ({
      groupId: group.id,
      accountId: ids[i]!,
      amountMinor: entry.amountMinor,
      currency: entry.currency.toUpperCase(),
    })),
  );
  return true;
}

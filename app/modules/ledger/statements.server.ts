import { z } from "zod";
import type { Db } from "#db/client.server";
import type { LedgerGroupKind } from "#db/schema";
import { toCsv } from "~/lib/csv";
import { ForbiddenError } from "~/lib/errors";
import { formatMajorAmount } from "~/lib/money";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import { statementLines } from "./queries.server";

// Statements (issue 9, section 3): for any date range (a fiscal year), an
// organization's payments, receipts, refunds and fees, or the whole network's, read
// from the ledger. Each row is one ledger group; its amount is what moved through the
// network's Stripe balance (money in positive, fees and refunds negative).

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2026-01-31.", abort: true })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "That is not a date.");

export const statementRangeSchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((r) => r.from <= r.to, { path: ["to"], message: "The end comes before the start." })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 5 * 366 * 86_400_000, {
    path: ["to"],
    message: "Choose at most five years.",
  });
export type StatementRange = z.infer<typeof statementRangeSchema>;

/** The range in the query string, defaulting to this calendar year; field errors when malformed. */
export function parseStatementRange(params: URLSearchParams, now = new Date()) {
  const year = now.getUTCFullYear();
  const input = { from: params.get("from") || `${year}-01-01`, to: params.get("to") || `${year}-12-31` };
  const parsed = statementRangeSchema.safeParse(input);
  if (parsed.success) return { range: parsed.data, errors: null, input };
  return { range: null, errors: z.flattenError(parsed.error).fieldErrors, input };
}

export const GROUP_LABELS: Record<LedgerGroupKind, string> = {
  membership_payment: "Membership payment",
  processor_fee: "Processor fee",
  pledge_payment: "Pledge payment",
  match: "Match from the pool",
  pool_transfer: "Transfer to the matching pool",
  refund: "Refund",
  payout: "Payout",
  correction: "Correction",
};

export type StatementRow = {
  date: string;
  kind: LedgerGroupKind;
  label: string;
  description: string;
  organization: string | null;
  reference: string | null;
  amountMinor: number;
  currency: string;
};

async function rows(db: Db, range: StatementRange, organizationId?: string): Promise<StatementRow[]> {
  const from = new Date(`${range.from}T00:00:00Z`);
  const to = new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000);
  const lines = await statementLines(db, { from, to, organizationId });
  const byGroup = new Map<string, StatementRow>();
  for (const line of lines) {
    const row = byGroup.get(line.groupId) ?? {
      date: line.occurredAt.toISOString().slice(0, 10),
      kind: line.kind,
      label: GROUP_LABELS[line.kind],
      description: line.description,
      organization: line.organizationName,
      reference: line.reference,
      amountMinor: 0,
      currency: line.currency,
    };
    if (line.account === "stripe_balance") row.amountMinor += line.amountMinor;
    byGroup.set(line.groupId, row);
  }
  return [...byGroup.values()];
}

export function statementTotals(rows: StatementRow[]) {
  const totals = new Map<string, { currency: string; inMinor: number; outMinor: number }>();
  for (const row of rows) {
    const t = totals.get(row.currency) ?? { currency: row.currency, inMinor: 0, outMinor: 0 };
    if (row.amountMinor >= 0) t.inMinor += row.amountMinor;
    else t.outMinor += row.amountMinor;
    totals.set(row.currency, t);
  }
  return [...totals.values()];
}

export async function organizationStatement(db: Db, context: OrganizationContext, range: StatementRange) {
  if (!can(context.actor, "manage-billing"))
    throw new ForbiddenError("Only organization admins can see statements.");
  return rows(db, range, context.organization.id);
}

export async function networkStatement(db: Db, staff: { isStaff: boolean }, range: StatementRange) {
  if (!staff.isStaff) throw new ForbiddenError("Only staff can see the network's statement.");
  return rows(db, range);
}

export function statementCsv(statement: StatementRow[]) {
  return toCsv(
    ["date", "kind", "description", "organization", "reference", "amount", "currency", "amount_minor"],
    statement.map((r) => [
      r.date,
      r.label,
      r.description,
      r.organization,
      r.reference,
      formatMajorAmount(r.amountMinor, r.currency),
      r.currency,
      r.amountMinor,
    ]),
  );
}

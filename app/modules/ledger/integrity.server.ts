import { sql } from "drizzle-orm";
import type { Db } from "#db/client.server";

// Integrity queries over the ledger (issue 9, section 3; ADR 0012). Each returns the
// rows that break a rule; on a healthy ledger every one returns none. The daily
// reconciliation stores what they find for staff, and the tests assert they are empty.

export type IntegrityProblem = {
  check: string;
  processorObjectId: string | null;
  detail: string;
  expectedMinor: number | null;
  actualMinor: number | null;
  currency: string | null;
};

type Row = Record<string, unknown>;

const CHECKS: { name: string; query: ReturnType<typeof sql>; toProblem: (r: Row) => IntegrityProblem }[] = [
  {
    name: "unbalanced group",
    query: sql`select g.id, g.processor_object_id, e.currency, sum(e.amount_minor)::bigint as total
      from ledger_groups g join ledger_entries e on e.group_id = g.id
      group by g.id, e.currency having sum(e.amount_minor) <> 0`,
    toProblem: (r) => ({
      check: "unbalanced group",
      processorObjectId: (r.processor_object_id as string) ?? null,
      detail: `group ${r.id} leaves ${r.total} ${r.currency} unbalanced`,
      expectedMinor: 0,
      actualMinor: Number(r.total),
      currency: r.currency as string,
    }),
  },
  {
    name: "group without entries",
    query: sql`select g.id, g.processor_object_id from ledger_groups g
      where not exists (select 1 from ledger_entries e where e.group_id = g.id)`,
    toProblem: (r) => ({
      check: "group without entries",
      processorObjectId: (r.processor_object_id as string) ?? null,
      detail: `group ${r.id} has no entries`,
      expectedMinor: null,
      actualMinor: null,
      currency: null,
    }),
  },
  {
    name: "group without its subject",
    query: sql`select g.id, g.kind, g.processor_object_id from ledger_groups g
      where (g.kind = 'membership_payment' and (g.membership_id is null or g.organization_id is null))`,
    toProblem: (r) => ({
      check: "group without its subject",
      processorObjectId: (r.processor_object_id as string) ?? null,
      detail: `${r.kind} group ${r.id} does not name its membership and organization`,
      expectedMinor: null,
      actualMinor: null,
      currency: null,
    }),
  },
  {
    name: "payment differs from its receipt",
    query: sql`select g.processor_object_id, r.amount_minor as receipt, r.currency,
        coalesce(sum(e.amount_minor) filter (where a.kind = 'stripe_balance'), 0)::bigint as ledger
      from ledger_groups g
      join ledger_entries e on e.group_id = g.id
      join ledger_accounts a on a.id = e.account_id
      left join receipts r on r.stripe_invoice_id = g.processor_object_id
      where g.kind = 'membership_payment'
        -- payments carried over from before receipts existed (migration 0006) have none
        and not exists (select 1 from ledger_entries_v1 v where v.id = g.id)
      group by g.id, r.amount_minor, r.currency
      having r.amount_minor is null
          or r.amount_minor <> coalesce(sum(e.amount_minor) filter (where a.kind = 'stripe_balance'), 0)`,
    toProblem: (r) => ({
      check: "payment differs from its receipt",
      processorObjectId: r.processor_object_id as string,
      detail:
        r.receipt === null
          ? "a membership payment has no receipt"
          : `the ledger holds ${r.ledger}, the receipt ${r.receipt}`,
      expectedMinor: r.receipt === null ? null : Number(r.receipt),
      actualMinor: Number(r.ledger),
      currency: (r.currency as string) ?? null,
    }),
  },
  {
    name: "active paid membership without a payment",
    query: sql`select m.id, m.stripe_invoice_id, m.stripe_subscription_id, m.amount_minor, m.currency
      from memberships m
      where m.status in ('active', 'past_due') and m.method in ('card', 'invoice') and m.amount_minor > 0
        and not exists (select 1 from ledger_groups g where g.membership_id = m.id and g.kind = 'membership_payment')`,
    toProblem: (r) => ({
      check: "active paid membership without a payment",
      processorObjectId: ((r.stripe_subscription_id ?? r.stripe_invoice_id) as string) ?? null,
      detail: `membership ${r.id} is active but the ledger holds no payment for it`,
      expectedMinor: Number(r.amount_minor),
      actualMinor: 0,
      currency: r.currency as string,
    }),
  },
];

export async function ledgerIntegrityProblems(db: Db): Promise<IntegrityProblem[]> {
  const problems: IntegrityProblem[] = [];
  for (const check of CHECKS) {
    const rows = (await db.execute(check.query)) as unknown as Row[];
    problems.push(...rows.map(check.toProblem));
  }
  return problems;
}

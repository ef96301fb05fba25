import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/Badge";
import { Table, Td, Th } from "~/components/ui/Table";
import { formatDay } from "~/lib/dates";
import { formatMoney } from "~/lib/money";

type Receipt = { id: string; number: string; paidAt: string; amountMinor: number; currency: string };
type Document = {
  id: string;
  number: string | null;
  status: string | null;
  amountMinor: number;
  currency: string;
  created: string;
  url: string | null;
};

/** An organization's receipts (from Commons) and invoices (as Stripe has them) on its billing page. */
export function BillingDocuments({
  slug,
  receipts,
  documents,
}: {
  slug: string;
  receipts: Receipt[];
  documents: Document[];
}) {
  return (
    <>
      <section className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2>Receipts</h2>
          <Link to={`/orgs/${slug}/billing/statement`}>Statements for any period</Link>
        </div>
        {receipts.length === 0 ? (
          <p className="text-sm text-muted">
            No payments yet: a receipt appears here for every paid invoice.
          </p>
        ) : (
          <Table caption="Receipts">
            <thead>
              <tr>
                <Th>Paid on</Th>
                <Th>Receipt</Th>
                <Th>Amount</Th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={r.id}>
                  <Td>{r.paidAt}</Td>
                  <Td>
                    <Link to={`/orgs/${slug}/billing/receipts/${r.id}`}>{r.number}</Link>
                  </Td>
                  <Td>{formatMoney({ amountMinor: r.amountMinor, currency: r.currency })}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section className="space-y-3">
        <h2>Invoices</h2>
        {documents.length === 0 ? (
          <p className="text-sm text-muted">No invoices yet.</p>
        ) : (
          <Table caption="Invoices and receipts">
            <thead>
              <tr>
                <Th>Date</Th>
                <Th>Number</Th>
                <Th>Amount</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <Td>{formatDay(d.created)}</Td>
                  <Td>{d.url ? <a href={d.url}>{d.number ?? d.id}</a> : (d.number ?? d.id)}</Td>
                  <Td>{formatMoney({ amountMinor: d.amountMinor, currency: d.currency })}</Td>
                  <Td>
                    <Badge
                      tone={d.status === "paid" ? "success" : d.status === "open" ? "warning" : "neutral"}
                    >
                      {d.status}
                    </Badge>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
}

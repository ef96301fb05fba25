import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import { EmptyState } from "~/components/ui/EmptyState";
import { Field } from "~/components/ui/Field";
import { Table, Td, Th } from "~/components/ui/Table";
import { formatMoney } from "~/lib/money";

export type StatementViewRow = {
  date: string;
  label: string;
  description: string;
  organization: string | null;
  reference: string | null;
  amountMinor: number;
  currency: string;
};

/**
 * A statement for a date range (issue 9, section 3): the range form, the rows and
 * totals per currency, a CSV link; printable as it is (the browser's print command).
 */
export function Statement(props: {
  title: string;
  input: { from: string; to: string };
  errors: { from?: string[]; to?: string[] } | null;
  rows: StatementViewRow[];
  totals: { currency: string; inMinor: number; outMinor: number }[];
  csvHref: string | null;
  showOrganization: boolean;
}) {
  const money = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency });
  return (
    <div className="space-y-6">
      <h1>{props.title}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-4 print:hidden">
        <Field
          label="From"
          name="from"
          type="date"
          required
          defaultValue={props.input.from}
          errors={props.errors?.from}
        />
        <Field
          label="To"
          name="to"
          type="date"
          required
          defaultValue={props.input.to}
          errors={props.errors?.to}
        />
        <Button type="submit" variant="secondary">
          Show
        </Button>
        {props.csvHref ? (
          <a href={props.csvHref} download>
            Download CSV
          </a>
        ) : null}
      </Form>
      <p className="text-sm text-muted">
        {props.input.from} to {props.input.to}. Money received is positive; fees and refunds are negative. Use
        the browser's print command for a printed or PDF copy.
      </p>
      {props.rows.length === 0 ? (
        <EmptyState title="Nothing in this period">
          No payments, fees or refunds were recorded between these dates.
        </EmptyState>
      ) : (
        <>
          <Table caption="Statement">
            <thead>
              <tr>
                <Th>Date</Th>
                <Th>What</Th>
                {props.showOrganization ? <Th>Organization</Th> : null}
                <Th>Reference</Th>
                <Th>Amount</Th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={`${r.date}-${r.reference}-${r.label}`}>
                  <Td>{r.date}</Td>
                  <Td>
                    {r.label}
                    <span className="block text-xs text-muted">{r.description}</span>
                  </Td>
                  {props.showOrganization ? <Td>{r.organization ?? "—"}</Td> : null}
                  <Td>
                    <code className="text-xs">{r.reference ?? "—"}</code>
                  </Td>
                  <Td className="text-right tabular-nums">{money(r.amountMinor, r.currency)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Table caption="Totals">
            <thead>
              <tr>
                <Th>Currency</Th>
                <Th>Received</Th>
                <Th>Fees and refunds</Th>
                <Th>Net</Th>
              </tr>
            </thead>
            <tbody>
              {props.totals.map((t) => (
                <tr key={t.currency}>
                  <Td>{t.currency}</Td>
                  <Td className="tabular-nums">{money(t.inMinor, t.currency)}</Td>
                  <Td className="tabular-nums">{money(t.outMinor, t.currency)}</Td>
                  <Td className="tabular-nums">{money(t.inMinor + t.outMinor, t.currency)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </div>
  );
}

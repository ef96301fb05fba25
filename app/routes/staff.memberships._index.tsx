import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { SelectField } from "~/components/ui/Field";
import { Pagination, pageFromUrl } from "~/components/ui/Pagination";
import { Table, Td, Th } from "~/components/ui/Table";
import { formatDay } from "~/lib/dates";
import { formatMoney } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import {
  listMemberships,
  OVERVIEW_PAGE_SIZE,
  outstandingInvoices,
  parseStatusFilter,
  revenueThisYearByTier,
} from "~/modules/memberships/overview.server";

export const meta: MetaFunction = () => [{ title: "Memberships · Staff · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const url = new URL(request.url);
  const status = parseStatusFilter(url.searchParams.get("status"));
  const page = pageFromUrl(request.url);
  const [list, revenue, invoices] = await Promise.all([
    listMemberships(db(), { page, status }),
    revenueThisYearByTier(db()),
    outstandingInvoices(db()),
  ]);
  return {
    ...list,
    page,
    pageSize: OVERVIEW_PAGE_SIZE,
    status: status ?? "",
    revenue,
    invoices,
    year: new Date().getUTCFullYear(),
  };
}

export default function StaffMemberships() {
  const { rows, total, page, pageSize, status, revenue, invoices, year } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff">← Staff</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Memberships</h1>
        <a
          href={`/staff/memberships/export.csv${status ? `?status=${status}` : ""}`}
          className="text-sm font-semibold"
        >
          Download CSV
        </a>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader title={`Revenue in ${year} by tier`} />
          {revenue.length === 0 ? (
            <p className="text-sm text-muted">No membership payments this year yet.</p>
          ) : (
            <dl className="space-y-2 text-sm">
              {revenue.map((r) => (
                <div key={`${r.tierName}-${r.currency}`} className="flex justify-between gap-4">
                  <dt>
                    {r.tierName} <span className="text-muted">({r.payments} payments)</span>
                  </dt>
                  <dd className="font-semibold">
                    {formatMoney({ amountMinor: r.totalMinor, currency: r.currency })}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </Card>
        <Card>
          <CardHeader title="Outstanding invoices" />
          {invoices.length === 0 ? (
            <p className="text-sm text-muted">None.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {invoices.map((i) => (
                <li key={i.id} className="flex flex-wrap justify-between gap-2">
                  <span>
                    {i.organizationName} · {i.tierName}
                    {i.poNumber ? ` · PO ${i.poNumber}` : ""} · issued {formatDay(i.issuedAt)}
                  </span>
                  <span className="font-semibold">
                    {i.invoiceUrl ? (
                      <a href={i.invoiceUrl}>
                        {formatMoney({ amountMinor: i.amountMinor, currency: i.currency })}
                      </a>
                    ) : (
                      formatMoney({ amountMinor: i.amountMinor, currency: i.currency })
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Status"
          name="status"
          defaultValue={status}
          options={[
            { value: "", label: "All" },
            ...["pending", "active", "past_due", "canceled", "expired"].map((s) => ({
              value: s,
              label: s.replace("_", " "),
            })),
          ]}
        />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </Form>
      {rows.length === 0 ? (
        <EmptyState title="No memberships match" />
      ) : (
        <Table caption="Memberships" minWidth="min-w-[48rem]">
          <thead>
            <tr>
              <Th>Organization</Th>
              <Th>Tier</Th>
              <Th>Status</Th>
              <Th>Method</Th>
              <Th>Yearly</Th>
              <Th>Period ends</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <Td>
                  <Link to={`/orgs/${r.organizationSlug}`}>{r.organizationName}</Link>
                </Td>
                <Td>{r.tierName}</Td>
                <Td>
                  <Badge
                    tone={
                      r.status === "active"
                        ? "success"
                        : r.status === "past_due"
                          ? "danger"
                          : r.status === "pending"
                            ? "warning"
                            : "neutral"
                    }
                  >
                    {r.status.replace("_", " ")}
                  </Badge>
                  {r.cancelAtPeriodEnd ? <span className="ml-1 text-xs text-muted">cancels</span> : null}
                </Td>
                <Td>{r.method}</Td>
                <Td>{formatMoney({ amountMinor: r.amountMinor, currency: r.currency })}</Td>
                <Td>{r.currentPeriodEnd ? formatDay(r.currentPeriodEnd) : "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

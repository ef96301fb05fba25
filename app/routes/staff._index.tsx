import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuditTable } from "~/components/AuditTable";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { EmptyState } from "~/components/ui/EmptyState";
import { Pagination, pageFromUrl } from "~/components/ui/Pagination";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "~/modules/audit/audit.server";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";

export const meta: MetaFunction = () => [{ title: "Staff · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const page = pageFromUrl(request.url);
  return { page, pageSize: AUDIT_PAGE_SIZE, ...(await listAuditEvents(db(), { page })) };
}

export default function Staff() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1>Staff</h1>
      <nav aria-label="Staff">
        <ul className="flex flex-wrap gap-4">
          <li>
            <Link to="/staff/initiatives">Triage queue</Link>
          </li>
          <li>
            <Link to="/staff/projects">Projects and sizes</Link>
          </li>
          <li>
            <Link to="/staff/memberships">Memberships</Link>
          </li>
          <li>
            <Link to="/staff/tiers">Membership tiers</Link>
          </li>
          <li>
            <Link to="/staff/subsidies">Subsidised memberships</Link>
          </li>
          <li>
            <Link to="/staff/collections">Pledges and collections</Link>
          </li>
          <li>
            <Link to="/staff/pool">Matching pool</Link>
          </li>
          <li>
            <Link to="/staff/reconciliation">Reconciliation</Link>
          </li>
          <li>
            <Link to="/staff/statement">Network statement</Link>
          </li>
        </ul>
      </nav>
      <h2>Audit log</h2>
      {rows.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <AuditTable rows={rows} caption="Audit log" />
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

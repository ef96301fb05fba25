import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuditTable } from "~/components/AuditTable";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { EmptyState } from "~/components/ui/EmptyState";
import { Pagination, pageFromUrl } from "~/components/ui/Pagination";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "~/modules/audit/audit.server";
import { db } from "~/modules/database.server";
import { requireOrganization } from "~/modules/organizations/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganization(request, params.slug, "edit");
  const page = pageFromUrl(request.url);
  return {
    page,
    pageSize: AUDIT_PAGE_SIZE,
    ...(await listAuditEvents(db(), { page, organizationId: organization.id })),
  };
}

export default function OrganizationActivity() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h2>Activity</h2>
      {rows.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <AuditTable rows={rows} caption="Changes to this organization" />
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

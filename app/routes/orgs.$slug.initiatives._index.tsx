import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/initiatives/StatusBadge";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { ButtonLink } from "~/components/ui/Button";
import { EmptyState } from "~/components/ui/EmptyState";
import { Table, Td, Th } from "~/components/ui/Table";
import { formatDay } from "~/lib/dates";
import { db } from "~/modules/database.server";
import { listOrganizationInitiatives } from "~/modules/initiatives/catalog.server";
import { can } from "~/modules/organizations/policy";
import { requireOrganization } from "~/modules/organizations/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, actor } = await requireOrganization(request, params.slug, "view");
  return {
    slug: organization.slug,
    canPropose: can(actor, "propose"),
    initiatives: await listOrganizationInitiatives(db(), organization.id),
  };
}

export default function OrganizationInitiatives() {
  const { slug, canPropose, initiatives } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2>Proposals</h2>
        {canPropose ? <ButtonLink to={`/orgs/${slug}/initiatives/new`}>New proposal</ButtonLink> : null}
      </div>
      {initiatives.length === 0 ? (
        <EmptyState title="No proposals yet">
          Propose shared work other hubs need too. Drafts stay private to your organization until you submit
          them.
        </EmptyState>
      ) : (
        <Table caption="Your organization's proposals">
          <thead>
            <tr>
              <Th>Title</Th>
              <Th>Status</Th>
              <Th>Backing organizations</Th>
              <Th>Last change</Th>
            </tr>
          </thead>
          <tbody>
            {initiatives.map((i) => (
              <tr key={i.id}>
                <Td>
                  <Link to={`/initiatives/${i.slug}`}>{i.title}</Link>
                </Td>
                <Td>
                  <StatusBadge status={i.status} />
                </Td>
                <Td>{i.demandOrganizations}</Td>
                <Td>{formatDay(i.updatedAt)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

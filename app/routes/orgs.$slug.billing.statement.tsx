import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Statement } from "~/components/ledger/Statement";
import { db } from "~/modules/database.server";
import {
  organizationStatement,
  parseStatementRange,
  statementTotals,
} from "~/modules/ledger/statements.server";
import { requireOrganization } from "~/modules/organizations/request.server";

// An organization's statement for any date range (issue 9, section 3): admins only.

export const meta: MetaFunction = () => [{ title: "Statement · Commons" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-billing");
  const url = new URL(request.url);
  const { range, errors, input } = parseStatementRange(url.searchParams);
  const rows = range ? await organizationStatement(db(), context, range) : [];
  return {
    name: context.organization.name,
    input,
    errors,
    rows,
    totals: statementTotals(rows),
    csvHref: range
      ? `/orgs/${context.organization.slug}/billing/statement.csv?${new URLSearchParams(range).toString()}`
      : null,
  };
}

export default function OrganizationStatement() {
  const data = useLoaderData<typeof loader>();
  return <Statement title={`Statement: ${data.name}`} showOrganization={false} {...data} />;
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

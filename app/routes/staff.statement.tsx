import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Statement } from "~/components/ledger/Statement";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { networkStatement, parseStatementRange, statementTotals } from "~/modules/ledger/statements.server";

// The whole network's statement for any date range (issue 9, section 3): staff only.

export const meta: MetaFunction = () => [{ title: "Network statement · Staff · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const { range, errors, input } = parseStatementRange(new URL(request.url).searchParams);
  const rows = range ? await networkStatement(db(), staff, range) : [];
  return {
    input,
    errors,
    rows,
    totals: statementTotals(rows),
    csvHref: range ? `/staff/statement.csv?${new URLSearchParams(range).toString()}` : null,
  };
}

export default function NetworkStatement() {
  const data = useLoaderData<typeof loader>();
  return <Statement title="Network statement" showOrganization {...data} />;
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv";
import { db } from "~/modules/database.server";
import { organizationStatement, parseStatementRange, statementCsv } from "~/modules/ledger/statements.server";
import { requireOrganization } from "~/modules/organizations/request.server";

// GET /orgs/<slug>/billing/statement.csv?from=…&to=…: the same statement for a spreadsheet.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-billing");
  const { range, errors } = parseStatementRange(new URL(request.url).searchParams);
  if (!range)
    return new Response(
      Object.values(errors ?? {})
        .flat()
        .join(" "),
      { status: 400 },
    );
  const csv = statementCsv(await organizationStatement(db(), context, range));
  return csvResponse(csv, `commons-statement-${context.organization.slug}-${range.from}-${range.to}.csv`);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { networkStatement, parseStatementRange, statementCsv } from "~/modules/ledger/statements.server";

// GET /staff/statement.csv?from=…&to=…: the network's statement for accounting.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "export");
  const { range, errors } = parseStatementRange(new URL(request.url).searchParams);
  if (!range)
    return new Response(
      Object.values(errors ?? {})
        .flat()
        .join(" "),
      { status: 400 },
    );
  const csv = statementCsv(await networkStatement(db(), staff, range));
  return csvResponse(csv, `commons-network-statement-${range.from}-${range.to}.csv`);
}

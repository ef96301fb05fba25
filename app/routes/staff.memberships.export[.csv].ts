import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, toCsv } from "~/lib/csv";
import { formatMajorAmount } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { allMemberships, parseStatusFilter } from "~/modules/memberships/overview.server";

// GET /staff/memberships/export.csv: every membership (or one status), for accounting.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "export");
  const status = parseStatusFilter(new URL(request.url).searchParams.get("status"));
  const rows = await allMemberships(db(), status);
  const csv = toCsv(
    [
      "organization",
      "slug",
      "tier",
      "status",
      "method",
      "yearly_amount",
      "currency",
      "period_end",
      "cancel_at_period_end",
      "po_number",
      "created_at",
    ],
    rows.map((r) => [
      r.organizationName,
      r.organizationSlug,
      r.tierName,
      r.status,
      r.method,
      formatMajorAmount(r.amountMinor, r.currency),
      r.currency,
      r.currentPeriodEnd,
      r.cancelAtPeriodEnd,
      r.poNumber,
      r.createdAt,
    ]),
  );
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(csv, `commons-memberships-${day}.csv`);
}

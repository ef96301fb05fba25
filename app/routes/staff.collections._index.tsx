import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/initiatives/StatusBadge";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { FundingProgress } from "~/components/pledges/FundingPanel";
import { Button } from "~/components/ui/Button";
import { EmptyState } from "~/components/ui/EmptyState";
import { redirectWithFlash } from "~/lib/flash.server";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { enqueueNow, QUEUES } from "~/modules/jobs/boss.server";
import { listCollections } from "~/modules/pledges/staff.server";

// Staff: every initiative open for pledges or funded, with its funding position and
// failed pledges (issue 10, section 4).

export const meta: MetaFunction = () => [{ title: "Pledges and collections · Staff · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { rows: await listCollections(db()) };
}

/** Runs the pledge clock now (deadlines, retries, the errored window) instead of at its next tick. */
export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request, "collect");
  await enqueueNow(QUEUES.pledgeSweep);
  return redirectWithFlash(
    "/staff/collections",
    "The pledge clock is running: deadlines, retries and reminders are being processed. Reload in a moment.",
    "info",
  );
}

export default function Collections() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/staff">← Staff</Link> · <Link to="/staff/pool">Matching pool</Link>
      </p>
      <h1>Pledges and collections</h1>
      <Form method="post" className="flex flex-wrap items-center gap-3 text-sm">
        <span className="text-muted">Deadlines, retries and reminders run every five minutes.</span>
        <Button type="submit" variant="secondary">
          Run the pledge clock now
        </Button>
      </Form>
      {rows.length === 0 ? (
        <EmptyState title="Nothing is open for pledges">
          Open an initiative for pledges from its triage page; it shows here with its progress.
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {rows.map((row) => (
            <li key={row.slug} className="space-y-2 rounded-lg border border-line bg-paper p-4">
              <p className="flex flex-wrap items-center gap-3">
                <Link to={`/staff/collections/${row.slug}`} className="font-semibold">
                  {row.title}
                </Link>
                <StatusBadge status={row.status} />
                {row.failed > 0 ? (
                  <span className="text-sm font-semibold text-danger-700">{row.failed} failed</span>
                ) : null}
              </p>
              <FundingProgress summary={row.summary} compact />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

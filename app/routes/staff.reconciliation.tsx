import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { Table, Td, Th } from "~/components/ui/Table";
import { withFlash } from "~/lib/flash.server";
import { formatMoney } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { enqueueNow, QUEUES } from "~/modules/jobs/boss.server";
import { ledgerTotals } from "~/modules/ledger/ledger.server";
import { latestReconciliation, RECONCILE_WINDOW_DAYS } from "~/modules/ledger/reconciliation.server";

export const meta: MetaFunction = () => [{ title: "Reconciliation · Staff · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const since = new Date(Date.now() - RECONCILE_WINDOW_DAYS * 86_400_000);
  const [latest, totals] = await Promise.all([latestReconciliation(db()), ledgerTotals(db(), { since })]);
  return { ...latest, totals, windowDays: RECONCILE_WINDOW_DAYS };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  await enqueueNow(QUEUES.reconcile);
  return redirect("/staff/reconciliation", {
    headers: await withFlash({
      kind: "info",
      message: "Reconciliation is running; reload in a minute for its result.",
    }),
  });
}

export default function Reconciliation() {
  const { runAt, issues, totals, windowDays } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff">← Staff</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Reconciliation</h1>
        <Form method="post">
          <Button type="submit" variant="secondary">
            Run now
          </Button>
        </Form>
      </div>
      <p className="text-muted">
        Every day the ledger's entries of the last {windowDays} days are compared with Stripe; differences are
        listed here and nothing is changed automatically.
      </p>
      <Card>
        <CardHeader title={`Ledger, last ${windowDays} days`} />
        {totals.length === 0 ? (
          <p className="text-sm text-muted">No entries.</p>
        ) : (
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            {totals.map((t) => (
              <div key={`${t.kind}-${t.currency}`} className="flex justify-between gap-4">
                <dt>
                  {t.kind.replace("_", " ")} <span className="text-muted">({t.entries})</span>
                </dt>
                <dd className="font-semibold">
                  {formatMoney({ amountMinor: t.totalMinor, currency: t.currency })}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Card>
      <section className="space-y-3">
        <h2>
          {runAt
            ? `Differences found on ${new Date(runAt).toISOString().replace("T", " ").slice(0, 16)} UTC`
            : "Differences"}
        </h2>
        {issues.length === 0 ? (
          <EmptyState title={runAt ? "The last run found no differences" : "No differences recorded"}>
            {runAt ? null : "Either every run matched Stripe, or none has run yet."}
          </EmptyState>
        ) : (
          <Table caption="Differences between the ledger and Stripe">
            <thead>
              <tr>
                <Th>Stripe object</Th>
                <Th>Problem</Th>
                <Th>Ledger</Th>
                <Th>Stripe</Th>
              </tr>
            </thead>
            <tbody>
              {issues.map((i) => (
                <tr key={i.id}>
                  <Td>
                    <code className="text-xs">{i.processorObjectId}</code>
                  </Td>
                  <Td>{i.problem}</Td>
                  <Td>
                    {i.expectedMinor === null || !i.currency
                      ? "—"
                      : formatMoney({ amountMinor: i.expectedMinor, currency: i.currency })}
                  </Td>
                  <Td>
                    {i.actualMinor === null || !i.currency
                      ? "—"
                      : formatMoney({ amountMinor: i.actualMinor, currency: i.currency })}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Button } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { Table, Td, Th } from "~/components/ui/Table";
import { redirectWithFlash } from "~/lib/flash.server";
import { intentOf } from "~/lib/forms.server";
import { formatMoney } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { accountBalances } from "~/modules/ledger/queries.server";
import {
  latestReconciliation,
  openPaymentExceptions,
  RECONCILE_WINDOW_DAYS,
  requestReconciliation,
} from "~/modules/ledger/reconciliation.server";
import { listFailedEmails, resendEmail } from "~/modules/notifications/email.server";

export const meta: MetaFunction = () => [{ title: "Reconciliation · Staff · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const since = new Date(Date.now() - RECONCILE_WINDOW_DAYS * 86_400_000);
  const [latest, totals, exceptions, failedEmails] = await Promise.all([
    latestReconciliation(db()),
    accountBalances(db(), { since }),
    openPaymentExceptions(db()),
    listFailedEmails(db()),
  ]);
  return { ...latest, totals, exceptions, failedEmails, windowDays: RECONCILE_WINDOW_DAYS };
}

const resendSchema = z.object({ messageId: z.uuid() });

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, "reconcile");
  const form = await request.formData();
  if (intentOf(form) === "resend-email") {
    const parsed = resendSchema.safeParse(Object.fromEntries(form));
    const resent = parsed.success && (await resendEmail(db(), parsed.data.messageId));
    return resent
      ? redirectWithFlash("/staff/reconciliation", "The email is queued to be sent again.")
      : redirectWithFlash("/staff/reconciliation", "That email is not waiting to be resent.", "error");
  }
  await requestReconciliation(viewer.id);
  return redirectWithFlash(
    "/staff/reconciliation",
    "Reconciliation is running; reload in a minute for its result.",
    "info",
  );
}

export default function Reconciliation() {
  const { latest, completed, issues, totals, exceptions, failedEmails, windowDays } =
    useLoaderData<typeof loader>();
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
      <section className="space-y-3" aria-labelledby="last-run">
        <h2 id="last-run">Differences with Stripe</h2>
        <LastRun latest={latest} completed={completed} />
        {issues.length === 0 ? null : (
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
      <section className="space-y-3">
        <h2>Payments that did not match</h2>
        <p className="text-sm text-muted">
          Stripe reported these, but the amount, currency or state is not what Commons asked for, so nothing
          was activated. Check them in the Stripe dashboard.
        </p>
        {exceptions.length === 0 ? (
          <EmptyState title="Every payment matched">Nothing is waiting for a look.</EmptyState>
        ) : (
          <Table caption="Payments that did not match">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Stripe object</Th>
                <Th>Problem</Th>
              </tr>
            </thead>
            <tbody>
              {exceptions.map((e) => (
                <tr key={e.id}>
                  <Td>{new Date(e.createdAt).toISOString().slice(0, 16).replace("T", " ")}</Td>
                  <Td>
                    <code className="text-xs">{e.processorObjectId}</code>
                  </Td>
                  <Td>{e.problem}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section className="space-y-3">
        <h2>Email that could not be delivered</h2>
        {failedEmails.length === 0 ? (
          <EmptyState title="No undelivered email">Every message went out.</EmptyState>
        ) : (
          <Table caption="Email that could not be delivered">
            <thead>
              <tr>
                <Th>Written</Th>
                <Th>To</Th>
                <Th>Subject</Th>
                <Th>Error</Th>
                <Th>
                  <span className="sr-only">Resend</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {failedEmails.map((m) => (
                <tr key={m.id}>
                  <Td>{new Date(m.createdAt).toISOString().slice(0, 16).replace("T", " ")}</Td>
                  <Td>{m.to}</Td>
                  <Td>{m.subject}</Td>
                  <Td>
                    <code className="text-xs">{m.error}</code> ({m.attempts} attempts)
                  </Td>
                  <Td>
                    <Form method="post">
                      <input type="hidden" name="messageId" value={m.id} />
                      <Button type="submit" name="intent" value="resend-email" variant="secondary">
                        Resend
                      </Button>
                    </Form>
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

type Run = {
  id: string;
  startedAt: string | Date;
  finishedAt: string | Date | null;
  checked: number | null;
  mismatches: number | null;
  error: string | null;
  attempts: number;
  requestedBy: string | null;
};

const utc = (value: string | Date) => `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;
const who = (run: Run) => (run.requestedBy ? `run by ${run.requestedBy}` : "scheduled");
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What the last run found, or that none has run (issue 13, item 10): "no differences
 * listed" alone cannot tell a clean run from a run that never happened.
 */
function LastRun({ latest, completed }: { latest: Run | null; completed: Run | null }) {
  if (!latest) {
    return (
      <EmptyState title="Never run yet">
        Reconciliation runs every day at 06:30 UTC; “Run now” starts one sooner.
      </EmptyState>
    );
  }
  const newer = latest.id !== completed?.id;
  const result = completed
    ? [
        `Last run: ${utc(completed.startedAt)} (${who(completed)})`,
        completed.checked === null
          ? null
          : `${plural(completed.checked, "payment or subscription", "payments and subscriptions")} checked`,
        completed.mismatches
          ? `${plural(completed.mismatches, "difference", "differences")}, listed below`
          : "all matched",
      ]
        .filter(Boolean)
        .join(", ")
    : "No run has finished yet";
  return (
    <div className="space-y-2 text-sm">
      <p className="font-semibold">{result}.</p>
      {newer && !latest.finishedAt ? (
        <p className="text-muted">
          A run started {utc(latest.startedAt)} ({who(latest)})
          {latest.attempts > 1 ? `, attempt ${latest.attempts},` : ""} has not finished; reload for its
          result.
        </p>
      ) : null}
      {newer && latest.error ? (
        <p className="text-danger-700">
          The run of {utc(latest.startedAt)} ({who(latest)}) failed
          {latest.attempts > 1 ? ` after ${latest.attempts} attempts` : ""}: {latest.error}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

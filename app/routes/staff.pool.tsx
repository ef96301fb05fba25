import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { fieldProps, useSchemaForm } from "~/components/forms";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Button } from "~/components/ui/Button";
import { Field, FormError } from "~/components/ui/Field";
import { Table, Td, Th } from "~/components/ui/Table";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { formatMoney, parseMajorAmount } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { poolBalance, poolMovements, roundEstimates, transferToPool } from "~/modules/matching/pool.server";

// Staff: the matching pool (issue 10, section 3): its balance, what open initiatives
// would draw from it now, transfers in from membership dues, and matches out.

export const meta: MetaFunction = () => [{ title: "Matching pool · Staff · Commons" }];

const CURRENCY = "USD";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [balance, movements, estimates] = await Promise.all([
    poolBalance(db(), CURRENCY),
    poolMovements(db()),
    roundEstimates(db(), CURRENCY),
  ]);
  const committed = [...estimates.values()].reduce((sum, e) => sum + e.match, 0);
  return { currency: CURRENCY, balance, committed, movements };
}

const transferSchema = z.object({
  amount: z.string().trim().min(1, "Enter the amount."),
  reason: z.string().trim().min(5, "Say why (at least 5 characters); it is kept with the transfer."),
});

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "manage-pool");
  const formData = await request.formData();
  return handleForm(formData, transferSchema, async (value) => {
    const amountMinor = parseMajorAmount(value.amount, CURRENCY) ?? 0;
    await transferToPool(db(), staff.id, { amountMinor, currency: CURRENCY, reason: value.reason });
    return redirectWithFlash("/staff/pool", "Moved into the matching pool.");
  });
}

const date = (value: string | Date) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(value));

export default function Pool() {
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(transferSchema, useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: data.currency });
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff">← Staff</Link> · <Link to="/staff/collections">Pledges and collections</Link>
      </p>
      <h1>Matching pool</h1>
      <dl className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-line bg-paper p-4">
          <dt className="text-sm text-muted">Balance</dt>
          <dd className="text-2xl font-semibold">{money(data.balance)}</dd>
        </div>
        <div className="rounded-lg border border-line bg-paper p-4">
          <dt className="text-sm text-muted">Open initiatives would draw now (estimate)</dt>
          <dd className="text-2xl font-semibold">{money(data.committed)}</dd>
        </div>
        <div className="rounded-lg border border-line bg-paper p-4">
          <dt className="text-sm text-muted">Free</dt>
          <dd className="text-2xl font-semibold">{money(Math.max(0, data.balance - data.committed))}</dd>
        </div>
      </dl>

      <Form
        method="post"
        id={form.id}
        onSubmit={form.onSubmit}
        noValidate
        className="max-w-lg space-y-3 rounded-lg border border-line bg-paper p-4"
      >
        <h2>Move membership dues into the pool</h2>
        <FormError errors={form.errors} />
        <Field label={`Amount (${data.currency})`} inputMode="decimal" {...fieldProps(fields.amount)} />
        <Field label="Reason" help="Kept in the ledger with the transfer." {...fieldProps(fields.reason)} />
        <Button type="submit" disabled={busy}>
          Move into the pool
        </Button>
      </Form>

      <section aria-labelledby="movements" className="space-y-3">
        <h2 id="movements">Movements</h2>
        {data.movements.length === 0 ? (
          <p className="text-sm text-muted">Nothing has moved through the pool yet.</p>
        ) : (
          <Table caption="Matching pool movements">
            <thead>
              <tr>
                <Th>Date</Th>
                <Th>What</Th>
                <Th className="text-right">Amount</Th>
              </tr>
            </thead>
            <tbody>
              {data.movements.map((m) => (
                <tr key={m.id}>
                  <Td>{date(m.occurredAt)}</Td>
                  <Td>
                    {m.kind === "match" && m.initiativeSlug ? (
                      <>
                        Match for{" "}
                        <Link to={`/staff/collections/${m.initiativeSlug}`}>{m.initiativeTitle}</Link>
                      </>
                    ) : (
                      <>
                        {m.description}
                        {m.staffName ? <span className="text-muted"> · {m.staffName}</span> : null}
                      </>
                    )}
                  </Td>
                  <Td className="text-right">
                    {formatMoney({ amountMinor: m.amountMinor, currency: m.currency })}
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

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

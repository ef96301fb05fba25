import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { CreditChoiceForm } from "~/components/pledges/CreditChoiceForm";
import { PledgeStatusBadge } from "~/components/pledges/PledgeStatusBadge";
import { Button } from "~/components/ui/Button";
import { redirectWithFlash } from "~/lib/flash.server";
import { intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { formatMoney } from "~/lib/money";
import { returnOrigin } from "~/lib/return-origin.server";
import { db } from "~/modules/database.server";
import { requireOrganization } from "~/modules/organizations/request.server";
import { attemptsOfPledge } from "~/modules/payments/attempts.server";
import { setCreditChoice } from "~/modules/pledges/credit-choice.server";
import {
  confirmPledgePayment,
  pledgeHistory,
  pledgeOfOrganization,
  receiptOfPledge,
  replacePledgeCard,
} from "~/modules/pledges/organization-pledges.server";
import { cancelPledge } from "~/modules/pledges/pledges.server";
import { creditChoiceSchema } from "~/modules/pledges/schemas";
import { cardExpiresAt } from "~/modules/pledges/sweep.server";

// One pledge of an organization (issue 10, section 4): its state, card, history and
// attempts; "Fix payment" when a charge failed (a new card, or confirming with the
// bank); change or cancel while the initiative is open.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Pledge to ${data?.initiative.title ?? "an initiative"} · Commons` },
];

const COLLECTION_WINDOW_MS = 7 * 86_400_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "view");
  const { pledge, initiative } = await handleDomainErrors(() =>
    pledgeOfOrganization(db(), context.organization.id, params.pledgeId ?? ""),
  );
  const [history, attempts, receipt] = await Promise.all([
    pledgeHistory(db(), pledge.id),
    attemptsOfPledge(db(), pledge.id),
    receiptOfPledge(db(), pledge.id),
  ]);
  const collectBy = initiative.pledgeDeadline
    ? new Date(initiative.pledgeDeadline.getTime() + COLLECTION_WINDOW_MS)
    : null;
  const cardExpiresEarly = Boolean(
    pledge.method === "card" &&
      pledge.cardExpMonth &&
      pledge.cardExpYear &&
      collectBy &&
      ["pending", "committed"].includes(pledge.status) &&
      cardExpiresAt(pledge.cardExpMonth, pledge.cardExpYear) < collectBy,
  );
  return {
    slug: context.organization.slug,
    organizationName: context.organization.name,
    organizationId: context.organization.id,
    canManage: context.actor.role === "admin" || context.actor.role === "owner",
    pledge: {
      id: pledge.id,
      status: pledge.status,
      method: pledge.method,
      amountMinor: pledge.amountMinor,
      currency: pledge.currency,
      showName: pledge.showName,
      showAmount: pledge.showAmount,
      message: pledge.message,
      card: pledge.cardLast4
        ? {
            brand: pledge.cardBrand,
            last4: pledge.cardLast4,
            expMonth: pledge.cardExpMonth,
            expYear: pledge.cardExpYear,
          }
        : null,
      recovery: pledge.recovery,
      failureMessage: pledge.failureMessage,
      windowEndsAt: pledge.windowEndsAt,
      nextRetryAt: pledge.nextRetryAt,
      paidAt: pledge.paidAt,
      stripeInvoiceId: pledge.stripeInvoiceId,
    },
    initiative: {
      slug: initiative.slug,
      title: initiative.title,
      status: initiative.status,
      pledgeDeadline: initiative.pledgeDeadline,
    },
    cardExpiresEarly,
    receipt: receipt && (context.actor.role === "admin" || context.actor.role === "owner") ? receipt : null,
    history: history.map((h) => ({
      id: h.id,
      at: h.at,
      from: h.fromStatus,
      to: h.toStatus,
      reason: h.reason,
      amountMinor: h.amountMinor,
    })),
    attempts: attempts
      .filter((a) => a.operation.startsWith("payment-intent."))
      .map((a) => ({
        id: a.id,
        at: a.createdAt,
        status: a.status,
        code: a.errorCode,
        message: a.errorMessage,
      })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "pledge");
  const here = `/orgs/${context.organization.slug}/pledges/${params.pledgeId}`;
  const formData = await request.formData();
  const pledgeId = params.pledgeId ?? "";
  return conflictsAsFlash(here, async () => {
    switch (intentOf(formData)) {
      case "replace-card":
        return redirect(
          await handleDomainErrors(() =>
            replacePledgeCard(
              db(),
              context.viewer,
              context.organization.slug,
              pledgeId,
              returnOrigin(request),
            ),
          ),
        );
      case "confirm-payment": {
        const url = await handleDomainErrors(() =>
          confirmPledgePayment(
            db(),
            context.viewer,
            context.organization.slug,
            pledgeId,
            returnOrigin(request),
          ),
        );
        return url
          ? redirect(url)
          : redirectWithFlash(here, "The payment went through; Stripe is confirming it.");
      }
      case "credit": {
        const choice = creditChoiceSchema.safeParse(Object.fromEntries(formData));
        if (!choice.success)
          return redirectWithFlash(here, "Keep the message under 500 characters.", "error");
        await handleDomainErrors(() => setCreditChoice(db(), context.viewer, pledgeId, choice.data));
        return redirectWithFlash(here, "Saved: your credit shows this way everywhere.");
      }
      case "cancel":
        await handleDomainErrors(() => cancelPledge(db(), context.viewer, pledgeId));
        return redirectWithFlash(here, "The pledge is canceled. Nothing will be charged.");
      default:
        throw new Response("Unknown action", { status: 400 });
    }
  });
}

const date = (value: string | Date) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
    new Date(value),
  );

export default function PledgePage() {
  const data = useLoaderData<typeof loader>();
  const { pledge, initiative } = data;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: pledge.currency });
  const { revalidate, state } = useRevalidator();
  // Back from Stripe's page: the browser's return proves nothing; wait for the webhook.
  const waiting =
    (params.get("card") === "saved" && ["pending", "failed", "collecting"].includes(pledge.status)) ||
    (params.get("payment") === "returned" && pledge.status !== "paid");
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => state === "idle" && revalidate(), 1500);
    return () => clearInterval(timer);
  }, [waiting, state, revalidate]);
  const open = initiative.status === "open";

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/orgs/${data.slug}/billing`}>← Billing</Link>
      </p>
      <header className="space-y-2">
        <h2>
          {data.organizationName}'s pledge to{" "}
          <Link to={`/initiatives/${initiative.slug}`}>{initiative.title}</Link>
        </h2>
        <p className="flex flex-wrap items-center gap-3">
          <PledgeStatusBadge status={pledge.status} />
          <strong>{money(pledge.amountMinor)}</strong>
          <span className="text-sm text-muted">
            {pledge.method === "card"
              ? pledge.card
                ? `by card, ${pledge.card.brand} ···· ${pledge.card.last4} (expires ${String(pledge.card.expMonth).padStart(2, "0")}/${pledge.card.expYear})`
                : "by card (not saved yet)"
              : "by invoice, net 30, issued at funding"}
          </span>
        </p>
        {waiting ? (
          <output className="block rounded-md border border-line bg-paper p-3 text-sm">
            Stripe is confirming… this page updates by itself.
          </output>
        ) : null}
      </header>

      {data.receipt ? (
        <p className="text-sm">
          Paid{pledge.paidAt ? ` on ${date(pledge.paidAt)}` : ""}:{" "}
          <Link to={`/orgs/${data.slug}/billing/receipts/${data.receipt.id}`}>
            receipt {data.receipt.number}
          </Link>
        </p>
      ) : null}

      {pledge.status === "failed" && data.canManage ? (
        <section
          aria-labelledby="fix"
          className="space-y-3 rounded-lg border border-danger-700/40 bg-danger-50 p-4"
        >
          <h3 id="fix">Fix payment</h3>
          <p className="text-sm">
            The initiative was funded but this pledge could not be collected
            {pledge.failureMessage ? `: ${pledge.failureMessage}` : "."}{" "}
            {pledge.windowEndsAt ? (
              <>Fix it by {date(pledge.windowEndsAt)} (UTC), or the pledge is dropped.</>
            ) : null}
            {pledge.nextRetryAt ? <> We try the card again on {date(pledge.nextRetryAt)}.</> : null}
          </p>
          <div className="flex flex-wrap gap-3">
            {pledge.recovery === "authenticate" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="confirm-payment" />
                <Button type="submit" disabled={busy}>
                  Confirm the payment with your bank
                </Button>
              </Form>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="replace-card" />
              <Button
                type="submit"
                variant={pledge.recovery === "authenticate" ? "secondary" : "primary"}
                disabled={busy}
              >
                Use a new card
              </Button>
            </Form>
          </div>
        </section>
      ) : null}

      {data.cardExpiresEarly ? (
        <p role="alert" className="rounded-md border border-warning-800/30 bg-warning-50 p-3 text-sm">
          This card expires before the pledge would be collected. Replace the card, or switch the pledge to an
          invoice.
        </p>
      ) : null}

      {data.canManage && (open || ["pending", "committed"].includes(pledge.status)) ? (
        <section aria-labelledby="change" className="space-y-3">
          <h3 id="change">Change</h3>
          <div className="flex flex-wrap gap-3">
            {open ? (
              <Link
                to={`/initiatives/${initiative.slug}/pledge?org=${data.organizationId}`}
                className="rounded-md border border-line px-4 py-2 text-sm font-semibold no-underline"
              >
                Change amount, card or credit
              </Link>
            ) : null}
            {pledge.method === "card" && ["pending", "committed"].includes(pledge.status) ? (
              <Form method="post">
                <input type="hidden" name="intent" value="replace-card" />
                <Button type="submit" variant="secondary" disabled={busy}>
                  Replace the card
                </Button>
              </Form>
            ) : null}
          </div>
          {open && ["pending", "committed"].includes(pledge.status) ? (
            <details className="text-sm">
              <summary className="cursor-pointer">Cancel this pledge…</summary>
              <Form method="post" className="mt-2 space-y-2 rounded-md border border-line bg-paper p-3">
                <input type="hidden" name="intent" value="cancel" />
                <p>
                  Canceling withdraws {money(pledge.amountMinor)} from the initiative. You can pledge again
                  while it is open.
                </p>
                <Button type="submit" variant="danger" disabled={busy}>
                  Yes, cancel the pledge
                </Button>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="credit" className="space-y-1 text-sm">
        <h3 id="credit">Credit</h3>
        <p>
          {pledge.showName ? "Named publicly" : "Anonymous in public (staff see who pledged)"};{" "}
          {pledge.showAmount ? "amount shown" : "amount hidden"}.
        </p>
        {pledge.message ? <p className="text-muted">“{pledge.message}”</p> : null}
        {data.canManage && !["released", "canceled", "dropped"].includes(pledge.status) ? (
          <CreditChoiceForm
            showName={pledge.showName}
            showAmount={pledge.showAmount}
            message={pledge.message}
            busy={busy}
          />
        ) : null}
      </section>

      <section aria-labelledby="history" className="space-y-2">
        <h3 id="history">History</h3>
        <ol className="space-y-1 border-l-2 border-line pl-4 text-sm">
          {data.history.map((h) => (
            <li key={h.id}>
              <time dateTime={new Date(h.at).toISOString()} className="text-muted">
                {date(h.at)}
              </time>{" "}
              {h.from ? `${h.from} → ` : ""}
              <strong>{h.to}</strong> · {money(h.amountMinor)} · {h.reason}
            </li>
          ))}
        </ol>
      </section>

      {data.attempts.length > 0 ? (
        <section aria-labelledby="attempts" className="space-y-2">
          <h3 id="attempts">Payment attempts</h3>
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Result</th>
                <th scope="col">Bank's reason</th>
              </tr>
            </thead>
            <tbody>
              {data.attempts.map((a) => (
                <tr key={a.id}>
                  <td>{date(a.at)}</td>
                  <td>
                    {a.status === "succeeded" ? "accepted" : a.status === "failed" ? "declined" : "sent"}
                  </td>
                  <td>{a.message ?? a.code ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

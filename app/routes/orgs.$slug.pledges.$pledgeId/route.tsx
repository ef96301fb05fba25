import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { requireOrganization } from "~/modules/organizations/request.server";
import { attemptsOfPledge } from "~/modules/payments/attempts.server";
import {
  pledgeHistory,
  pledgeOfOrganization,
  receiptOfPledge,
} from "~/modules/pledges/organization-pledges.server";
import { cardExpiresAt } from "~/modules/pledges/sweep.server";
import { COLLECTION_WINDOW_MS } from "~/modules/pledges/values";
import { pledgeActions } from "./actions.server";
import { ChangePledge } from "./ChangePledge";
import { FixPayment } from "./FixPayment";
import { PledgeCredit } from "./PledgeCredit";
import { PledgeHeader } from "./PledgeHeader";
import { PledgeHistory } from "./PledgeHistory";

// One pledge of an organization (issue 10, section 4): its state, card, history and
// attempts; "Fix payment" when a charge failed (a new card, or confirming with the
// bank); change or cancel while the initiative is open.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Pledge to ${data?.initiative.title ?? "an initiative"} · Commons` },
];

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
  const pledgeId = params.pledgeId ?? "";
  const here = `/orgs/${context.organization.slug}/pledges/${pledgeId}`;
  const formData = await request.formData();
  const intent = intentOf(formData);
  if (!Object.hasOwn(pledgeActions, intent)) throw new Response("Unknown action", { status: 400 });
  return conflictsAsFlash(here, () =>
    pledgeActions[intent as keyof typeof pledgeActions]({ request, context, pledgeId, formData, here }),
  );
}

export default function PledgePage() {
  const data = useLoaderData<typeof loader>();
  const { pledge } = data;
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
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

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/orgs/${data.slug}/billing`}>← Billing</Link>
      </p>
      <PledgeHeader waiting={waiting} />
      <FixPayment />
      {data.cardExpiresEarly ? (
        <p role="alert" className="rounded-md border border-warning-800/30 bg-warning-50 p-3 text-sm">
          This card expires before the pledge would be collected. Replace the card, or switch the pledge to an
          invoice.
        </p>
      ) : null}
      <ChangePledge />
      <PledgeCredit lastResult={lastResult && "status" in lastResult ? lastResult : undefined} />
      <PledgeHistory />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Badge } from "~/components/ui/Badge";
import { Card } from "~/components/ui/Card";
import { formatDay } from "~/lib/dates";
import { handleDomainErrors } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { membershipForCheckoutSession } from "~/modules/memberships/memberships.server";
import { requireOrganization } from "~/modules/organizations/request.server";

// Back from Checkout: the browser's return proves nothing, so this page waits for
// the verified webhook to activate the membership (issue 3, item 7).

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.status === "active" ? "Membership active · Commons" : "Confirming your payment… · Commons" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-billing");
  const sessionId = new URL(request.url).searchParams.get("session_id") ?? "";
  const { membership, tier } = await handleDomainErrors(() =>
    membershipForCheckoutSession(db(), context.organization.id, sessionId),
  );
  return {
    slug: context.organization.slug,
    status: membership.status,
    tierName: tier.name,
    periodEnd: membership.currentPeriodEnd ? formatDay(membership.currentPeriodEnd) : null,
  };
}

export default function ConfirmPayment() {
  const data = useLoaderData<typeof loader>();
  const { revalidate, state } = useRevalidator();
  const waiting = data.status === "pending";
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => state === "idle" && revalidate(), 1500);
    return () => clearInterval(timer);
  }, [waiting, revalidate, state]);
  return (
    <Card className="mx-auto max-w-xl text-center">
      {/* Without JavaScript the page reloads itself until the webhook has arrived. */}
      {waiting ? (
        <noscript>
          <meta httpEquiv="refresh" content="3" />
        </noscript>
      ) : null}
      <div aria-live="polite">
        {waiting ? (
          <>
            <h2>Confirming your payment…</h2>
            <p className="mt-2 text-muted">
              Stripe is telling us about your payment. This usually takes a few seconds.
            </p>
          </>
        ) : data.status === "active" ? (
          <>
            <h2>Your membership is active</h2>
            <p className="mt-2">
              <Badge tone="success">{data.tierName}</Badge>{" "}
              {data.periodEnd ? `until ${data.periodEnd}` : null}
            </p>
            <p className="mt-2 text-sm text-muted">A receipt is on its way by email.</p>
          </>
        ) : (
          <>
            <h2>The payment did not go through</h2>
            <p className="mt-2 text-muted">Status: {data.status}. Nothing was charged; you can try again.</p>
          </>
        )}
      </div>
      <p className="mt-6">
        <Link to={`/orgs/${data.slug}/billing`}>Back to billing</Link>
      </p>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

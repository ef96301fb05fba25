import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { countryOptions } from "~/lib/address.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { requireVerifiedUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";
import { pledgeFormContext } from "~/modules/pledges/pledge-form.server";
import { type FormAnswer, pledge } from "./actions.server";
import { MatchEstimate } from "./MatchEstimate";
import { PledgeForm } from "./PledgeForm";

// Pledging to an open initiative (issue 10, section 1), for an admin or owner of an
// organization: amount, card (saved, or saved now on Stripe's page) or invoice,
// credit choices, a public message, and the match estimate.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Pledge to ${data?.initiative.title ?? "an initiative"} · Commons` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireVerifiedUser(request);
  const { initiative } = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  if (initiative.status !== "open")
    return redirectWithFlash(
      `/initiatives/${initiative.slug}`,
      "This initiative does not take pledges now.",
      "info",
    );
  const url = new URL(request.url);
  const context = await pledgeFormContext(db(), viewer.id, initiative, {
    org: url.searchParams.get("org"),
    amount: url.searchParams.get("amount"),
  });
  return {
    initiative: {
      id: initiative.id,
      slug: initiative.slug,
      title: initiative.title,
      currency: initiative.currency,
      minPledgeMinor: initiative.minPledgeMinor,
      pledgeDeadline: initiative.pledgeDeadline,
    },
    countries: countryOptions(),
    ...context,
  };
}

export type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

export async function action({ request, params }: ActionFunctionArgs): Promise<FormAnswer> {
  const viewer = await requireVerifiedUser(request);
  const { initiative } = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const formData = await request.formData();
  const answer = await conflictsAsFlash(`/initiatives/${initiative.slug}`, () =>
    pledge(request, viewer, initiative.id, formData),
  );
  return answer as FormAnswer;
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

export default function PledgePage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { initiative, chosen, estimate } = data;
  const deadline = initiative.pledgeDeadline
    ? dateFormat.format(new Date(initiative.pledgeDeadline))
    : "the deadline";

  if (!chosen)
    return (
      <div className="space-y-3">
        <h1>Pledge to {initiative.title}</h1>
        <p>
          Only an admin or owner of an organization can pledge in its name.{" "}
          <Link to="/orgs/new">Create an organization</Link>, or ask an admin of yours to pledge.
        </p>
      </div>
    );

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p className="text-sm">
        <Link to={`/initiatives/${initiative.slug}`}>← {initiative.title}</Link>
      </p>
      <h1>{chosen.pledge ? "Change your pledge" : "Pledge"}</h1>
      <p className="rounded-md border border-line bg-paper p-3 text-sm">
        <strong>Nothing is charged unless the initiative is funded by {deadline} (UTC).</strong> If it is, a
        saved card is charged once, right after the deadline; an invoice pledge gets an invoice payable within
        30 days. Until then you can raise, lower or cancel, except that in the final 24 hours no change may
        take the initiative below its goal or its minimum number of organizations.
      </p>
      {data.organizations.length > 1 ? (
        <nav aria-label="Pledge for" className="text-sm">
          Pledging for <strong>{chosen.name}</strong>. Switch to:{" "}
          {data.organizations
            .filter((o) => o.id !== chosen.id)
            .map((o, i) => (
              <span key={o.id}>
                {i > 0 ? ", " : ""}
                <Link to={`?org=${o.id}`}>{o.name}</Link>
              </span>
            ))}
        </nav>
      ) : (
        <p className="text-sm">
          Pledging for <strong>{chosen.name}</strong>.
        </p>
      )}

      {estimate ? (
        <MatchEstimate
          estimate={estimate}
          organizationId={chosen.id}
          amount={data.amount}
          currency={initiative.currency}
        />
      ) : null}

      {/* Keyed by the organization: switching to another starts from its own pledge. */}
      <PledgeForm key={chosen.id} data={data} chosen={chosen} lastResult={lastResult} busy={busy} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { TierForm } from "~/components/memberships/TierForm";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { formatMajorAmount } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { tierSchema, tierValues } from "~/modules/memberships/schemas";
import { getTier, updateTier } from "~/modules/memberships/tiers.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.tier.name ?? "Tier"} · Staff · Commons` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const tier = await handleDomainErrors(() => getTier(db(), params.tierId ?? ""));
  return { tier };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, "manage-tiers");
  const id = params.tierId ?? "";
  await handleDomainErrors(() => getTier(db(), id));
  return handleForm(await request.formData(), tierSchema, async (value) => {
    await updateTier(db(), viewer.id, id, tierValues(value));
    return redirectWithFlash("/staff/tiers", `${value.name} is saved.`);
  });
}

export default function EditTier() {
  const { tier } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/staff/tiers">← Tiers</Link>
      </p>
      <h1>{tier.name}</h1>
      <p className="text-sm text-muted">
        Price changes apply to new members and to renewals after a member changes tier.
      </p>
      <div className="rounded-lg border border-line bg-paper p-6">
        <TierForm
          lastResult={lastResult}
          submitLabel="Save tier"
          defaultValue={{
            name: tier.name,
            description: tier.description,
            price: formatMajorAmount(tier.priceMinor, tier.currency),
            currency: tier.currency,
            hubsIncluded: String(tier.hubsIncluded),
            benefits: tier.benefits.join("\n"),
            roadmapWeight: String(tier.roadmapWeight),
            isSubsidised: tier.isSubsidised ? "on" : "",
          }}
        />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

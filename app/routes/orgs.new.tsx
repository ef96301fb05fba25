import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { JoinSteps } from "~/components/memberships/JoinSteps";
import { OrganizationForm } from "~/components/organizations/OrganizationForm";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { requireVerifiedUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { joinableTier } from "~/modules/memberships/joining.server";
import { createOrganization } from "~/modules/organizations/organizations.server";
import { organizationSchema } from "~/modules/organizations/schemas";

export const meta: MetaFunction = () => [{ title: "New organization · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireVerifiedUser(request);
  const tier = await joinableTier(db(), new URL(request.url).searchParams.get("tier"));
  return { joining: tier };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireVerifiedUser(request);
  const tier = await joinableTier(db(), new URL(request.url).searchParams.get("tier"));
  return handleForm(await request.formData(), organizationSchema, async (value) => {
    const organization = await createOrganization(db(), viewer, value);
    // Joining: straight on to payment, the tier already chosen (issue 13, item 1).
    if (tier)
      return redirectWithFlash(
        `/orgs/${organization.slug}/billing?tier=${tier.id}`,
        `${organization.name} is created. Last step: pay for ${tier.name} by card or invoice.`,
      );
    return redirectWithFlash(
      `/orgs/${organization.slug}`,
      `${organization.name} is created. Add the hubs it runs next.`,
    );
  });
}

export default function NewOrganization() {
  const lastResult = useActionData<typeof action>();
  const { joining } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl">
      {joining ? (
        <div className="mb-6">
          <JoinSteps current={2} tierName={joining.name} />
        </div>
      ) : null}
      <h1>New organization</h1>
      <p className="mt-2 text-muted">You become its owner and can invite colleagues afterwards.</p>
      <div className="mt-6 rounded-lg border border-line bg-paper p-6">
        <OrganizationForm
          lastResult={lastResult}
          submitLabel={joining ? "Create and go to payment" : "Create organization"}
          defaultValue={
            joining ? { kind: joining.isSubsidised ? "community" : "institution", isPublic: "on" } : undefined
          }
        />
      </div>
    </div>
  );
}

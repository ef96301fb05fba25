import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { OrganizationForm } from "~/components/organizations/OrganizationForm";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { db } from "~/modules/database.server";
import { updateOrganization } from "~/modules/organizations/organizations.server";
import { requireOrganization } from "~/modules/organizations/request.server";
import { organizationSchema } from "~/modules/organizations/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganization(request, params.slug, "edit");
  return {
    slug: organization.slug,
    logoUrl: organization.logoUrl,
    defaults: {
      name: organization.name,
      slug: organization.slug,
      kind: organization.kind,
      website: organization.website ?? "",
      description: organization.description,
      isPublic: organization.isPublic ? "on" : "",
      showMembership: organization.showMembership ? "on" : "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "edit");
  return handleForm(await request.formData(), organizationSchema, async (value) => {
    const updated = await updateOrganization(db(), context, value);
    return redirectWithFlash(`/orgs/${updated.slug}/settings`, "Saved.");
  });
}

export default function OrganizationSettings() {
  const { defaults, slug, logoUrl } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <h2>Profile</h2>
      <p className="mt-2 flex items-center gap-3 text-sm">
        {logoUrl ? (
          <img src={logoUrl} alt="" width={32} height={32} className="size-8 rounded object-contain" />
        ) : null}
        <Link to={`/orgs/${slug}/logo`}>{logoUrl ? "Change the logo" : "Upload a logo"}</Link>
        <span className="text-muted">shown wherever you are credited.</span>
      </p>
      <div className="mt-4 rounded-lg border border-line bg-paper p-6">
        <OrganizationForm lastResult={lastResult} defaultValue={defaults} submitLabel="Save profile" />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

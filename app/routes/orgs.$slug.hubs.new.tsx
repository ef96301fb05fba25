import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { HubForm } from "~/components/hubs/HubForm";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { db } from "~/modules/database.server";
import { createHub, runHubCheck } from "~/modules/hubs/hubs.server";
import { hubSchema } from "~/modules/hubs/schemas";
import { requireOrganization } from "~/modules/organizations/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganization(request, params.slug, "manage-hubs");
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-hubs");
  return handleForm(await request.formData(), hubSchema, async (value) => {
    const hub = await createHub(db(), context, value);
    // Checked at once (issue 13, item 10): the list then shows whether it answers.
    const check = await runHubCheck(db(), context, hub.id);
    const hubs = `/orgs/${context.organization.slug}/hubs`;
    return check.ok
      ? redirectWithFlash(hubs, `${hub.name} is added; it answered: JupyterHub ${check.version}.`)
      : redirectWithFlash(hubs, `${hub.name} is added, but the check failed: ${check.message}`, "error");
  });
}

export default function NewHub() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <h2>Add a hub</h2>
      <div className="mt-4 rounded-lg border border-line bg-paper p-6">
        <HubForm lastResult={lastResult} submitLabel="Add hub" />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FundedBySnippet } from "~/components/hubs/FundedBySnippet";
import { HubCheckStatus } from "~/components/hubs/HubCheckStatus";
import { HubForm } from "~/components/hubs/HubForm";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Button, ButtonLink } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { env } from "~/lib/env.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { deleteHub, getHub, updateHub } from "~/modules/hubs/hubs.server";
import { hubSchema } from "~/modules/hubs/schemas";
import { requireOrganization } from "~/modules/organizations/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-hubs");
  const hub = await handleDomainErrors(() => getHub(db(), context, params.hubId ?? ""));
  return { slug: context.organization.slug, hub, appUrl: env().appUrl };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-hubs");
  const formData = await request.formData();
  const hubsUrl = `/orgs/${context.organization.slug}/hubs`;
  if (intentOf(formData) === "delete") {
    await handleDomainErrors(() => deleteHub(db(), context, params.hubId ?? ""));
    return redirectWithFlash(hubsUrl, "The hub was deleted.");
  }
  return handleForm(formData, hubSchema, async (value) => {
    await handleDomainErrors(() => updateHub(db(), context, params.hubId ?? "", value));
    return redirectWithFlash(hubsUrl, `${value.name} is saved.`);
  });
}

export default function EditHub() {
  const { slug, hub, appUrl } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirmingDelete = params.get("confirm") === "delete";
  return (
    <div className="max-w-2xl space-y-6">
      <h2>{hub.name}</h2>
      <HubCheckStatus hub={hub} />
      <div className="rounded-lg border border-line bg-paper p-6">
        <HubForm
          lastResult={lastResult}
          submitLabel="Save changes"
          defaultValue={{
            name: hub.name,
            url: hub.url,
            description: hub.description,
            region: hub.region,
            status: hub.status,
            userCount: hub.userCount === null ? "" : String(hub.userCount),
            usersReportedOn: hub.usersReportedOn ?? "",
          }}
        />
      </div>
      {hub.status === "active" ? <FundedBySnippet appUrl={appUrl} hubId={hub.id} /> : null}
      <Card>
        <CardHeader title="Delete this hub" level={3} />
        {confirmingDelete ? (
          <Form method="post" className="space-y-3">
            <p role="alert">
              Delete <strong>{hub.name}</strong> for good? If it stopped running, marking it <em>retired</em>{" "}
              keeps its history.
            </p>
            <div className="flex gap-3">
              <Button type="submit" name="intent" value="delete" variant="danger">
                Yes, delete it
              </Button>
              <ButtonLink to={`/orgs/${slug}/hubs/${hub.id}`} variant="secondary">
                Keep it
              </ButtonLink>
            </div>
          </Form>
        ) : (
          <ButtonLink to="?confirm=delete" variant="secondary">
            Delete hub…
          </ButtonLink>
        )}
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

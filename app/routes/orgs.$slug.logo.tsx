import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Button } from "~/components/ui/Button";
import { ValidationError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleDomainErrors } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { LOGO_MAX_BYTES, removeLogo, saveLogo } from "~/modules/organizations/logo.server";
import { requireOrganization } from "~/modules/organizations/request.server";

// Uploading the logo shown wherever the organization is credited (issue 11).

export const meta: MetaFunction = () => [{ title: "Logo · Commons" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganization(request, params.slug, "edit");
  return { slug: organization.slug, name: organization.name, logoUrl: organization.logoUrl };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "edit");
  const here = `/orgs/${context.organization.slug}/logo`;
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: LOGO_MAX_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return data({ error: "The image is larger than 2 MB. Use a smaller file." }, { status: 400 });
    return data({ error: "The upload could not be read. Try again." }, { status: 400 });
  }
  if (formData.get("intent") === "remove") {
    await handleDomainErrors(() => removeLogo(db(), context));
    return redirectWithFlash(here, "The logo is removed.");
  }
  const file = formData.get("logo");
  if (!(file instanceof File) || file.size === 0)
    return data({ error: "Choose an image file." }, { status: 400 });
  try {
    await handleDomainErrors(async () =>
      saveLogo(db(), context, { type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }),
    );
  } catch (error) {
    if (error instanceof ValidationError)
      return data({ error: error.fieldErrors.logo?.[0] ?? "Check the image." }, { status: 400 });
    throw error;
  }
  return redirectWithFlash(here, "The logo is saved; it shows wherever you are credited.");
}

export default function OrganizationLogo() {
  const { slug, name, logoUrl } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as { error?: string } | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm">
        <Link to={`/orgs/${slug}/settings`}>← Profile</Link>
      </p>
      <h2>Logo</h2>
      <div className="flex items-center gap-4">
        {logoUrl ? (
          <img
            src={logoUrl}
            alt={`${name} logo`}
            width={96}
            height={96}
            className="size-24 rounded-md border border-line object-contain"
          />
        ) : (
          <p className="text-sm text-muted">No logo yet: your name is shown instead.</p>
        )}
      </div>
      <Form
        method="post"
        encType="multipart/form-data"
        className="space-y-3 rounded-lg border border-line bg-paper p-6"
      >
        <label htmlFor="logo" className="block text-sm font-semibold">
          Image
        </label>
        <input
          id="logo"
          name="logo"
          type="file"
          accept="image/png,image/jpeg,image/svg+xml"
          required
          aria-invalid={answer?.error ? true : undefined}
          aria-describedby={answer?.error ? "logo-help logo-error" : "logo-help"}
          className="block text-sm"
        />
        <p id="logo-help" className="text-sm text-muted">
          PNG, JPEG or SVG, up to 2 MB. A square image works best; it is shown up to 512 px.
        </p>
        {answer?.error ? (
          <p id="logo-error" className="text-sm text-danger-700" role="alert">
            {answer.error}
          </p>
        ) : null}
        <Button type="submit" disabled={busy}>
          Upload logo
        </Button>
      </Form>
      {logoUrl ? (
        <details className="text-sm">
          <summary className="cursor-pointer">Remove the logo…</summary>
          <Form method="post" encType="multipart/form-data" className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="remove" />
            <p>Your name is shown instead wherever you are credited.</p>
            <Button type="submit" variant="danger" disabled={busy}>
              Yes, remove it
            </Button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

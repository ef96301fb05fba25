import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SchemaForm, useSchemaForm } from "~/components/forms";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Button } from "~/components/ui/Button";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { removeLogo, saveLogo } from "~/modules/organizations/logo.server";
import { requireOrganization } from "~/modules/organizations/request.server";
import { LOGO_MAX_BYTES, LOGO_TYPES, logoErrors, logoSchema } from "~/modules/organizations/schemas";

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
    // Nothing parsed to check: the answer is still Conform's, with the reason at the field.
    const message = error instanceof MaxPartSizeExceededError ? logoErrors.tooLarge : logoErrors.unreadable;
    return data(
      parseWithZod(new FormData(), { schema: logoSchema }).reply({ fieldErrors: { logo: [message] } }),
      { status: 400 },
    );
  }
  if (intentOf(formData) === "remove") {
    await handleDomainErrors(() => removeLogo(db(), context));
    return redirectWithFlash(here, "The logo is removed.");
  }
  // The schema checks presence, size and declared type; saveLogo decodes the bytes and
  // answers a ValidationError at `logo` when they are not that image.
  return handleForm(formData, logoSchema, async ({ logo }) => {
    await handleDomainErrors(async () =>
      saveLogo(db(), context, { type: logo.type, bytes: new Uint8Array(await logo.arrayBuffer()) }),
    );
    return redirectWithFlash(here, "The logo is saved; it shows wherever you are credited.");
  });
}

export default function OrganizationLogo() {
  const { slug, name, logoUrl } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(logoSchema, useActionData<typeof action>());
  const logo = fields.logo;
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
      <SchemaForm
        form={form}
        encType="multipart/form-data"
        className="space-y-3 rounded-lg border border-line bg-paper p-6"
      >
        <label htmlFor={logo.id} className="block text-sm font-semibold">
          Image
        </label>
        <input
          id={logo.id}
          name={logo.name}
          type="file"
          accept={LOGO_TYPES.join(",")}
          required
          aria-invalid={logo.errors ? true : undefined}
          aria-describedby={logo.errors ? `${logo.descriptionId} ${logo.errorId}` : logo.descriptionId}
          className="block text-sm"
        />
        <p id={logo.descriptionId} className="text-sm text-muted">
          PNG, JPEG or SVG, up to 2 MB. A square image works best; it is shown up to 512 px.
        </p>
        {logo.errors ? (
          <p id={logo.errorId} className="text-sm text-danger-700" role="alert">
            {logo.errors.join(" ")}
          </p>
        ) : null}
        <Button type="submit" disabled={busy}>
          Upload logo
        </Button>
      </SchemaForm>
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

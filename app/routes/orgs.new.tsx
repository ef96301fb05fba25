import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { OrganizationForm } from "~/components/organizations/OrganizationForm";
import { withFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { requireVerifiedUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { createOrganization } from "~/modules/organizations/organizations.server";
import { organizationSchema } from "~/modules/organizations/schemas";

export const meta: MetaFunction = () => [{ title: "New organization · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireVerifiedUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireVerifiedUser(request);
  return handleForm(await request.formData(), organizationSchema, async (value) => {
    const organization = await createOrganization(db(), viewer, value);
    return redirect(`/orgs/${organization.slug}`, {
      headers: await withFlash({
        kind: "success",
        message: `${organization.name} is created. Add the hubs it runs next.`,
      }),
    });
  });
}

export default function NewOrganization() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl">
      <h1>New organization</h1>
      <p className="mt-2 text-muted">You become its owner and can invite colleagues afterwards.</p>
      <div className="mt-6 rounded-lg border border-line bg-paper p-6">
        <OrganizationForm lastResult={lastResult} submitLabel="Create organization" />
      </div>
    </div>
  );
}

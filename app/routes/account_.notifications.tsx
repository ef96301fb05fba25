import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { CheckboxField } from "~/components/ui/Field";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { requireUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { preferencesSchema } from "~/modules/initiatives/schemas";
import {
  PREFERENCE_LABELS,
  type PreferenceKey,
  preferencesOf,
  savePreferences,
} from "~/modules/notifications/preferences.server";

export const meta: MetaFunction = () => [{ title: "Email preferences · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  return {
    preferences: await preferencesOf(db(), viewer.id),
    labels: PREFERENCE_LABELS,
    isStaff: viewer.isStaff,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  return handleForm(await request.formData(), preferencesSchema, async (value) => {
    // The staff-only choice is not on a non-staff form: keep whatever it was.
    const kept = viewer.isStaff
      ? {}
      : { initiativeSubmissions: (await preferencesOf(db(), viewer.id)).initiativeSubmissions };
    await savePreferences(db(), viewer.id, { ...value, ...kept });
    return redirectWithFlash("/account/notifications", "Your email preferences are saved.");
  });
}

export default function NotificationPreferences() {
  const { preferences, labels, isStaff } = useLoaderData<typeof loader>();
  const keys = (Object.keys(labels) as PreferenceKey[]).filter(
    (k) => isStaff || k !== "initiativeSubmissions",
  );
  const [form, fields] = useSchemaForm(
    preferencesSchema,
    useActionData<typeof action>(),
    Object.fromEntries(keys.map((key) => [key, preferences[key] ? "on" : ""])),
  );
  return (
    <div className="max-w-2xl space-y-6">
      <p className="text-sm">
        <Link to="/account">← Your account</Link>
      </p>
      <h1>Email preferences</h1>
      <p className="text-muted">
        Account emails (sign-in codes, password resets, receipts) always arrive. Choose which initiative
        emails you get.
      </p>
      <SchemaForm form={form} className="space-y-4 rounded-lg border border-line bg-paper p-6">
        {keys.map((key) => (
          <CheckboxField
            key={key}
            label={labels[key]}
            name={fields[key].name}
            id={fields[key].id}
            value="on"
            defaultChecked={fields[key].initialValue === "on"}
            errors={fields[key].errors}
          />
        ))}
        <Button type="submit">Save preferences</Button>
      </SchemaForm>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { AuthCard } from "~/components/layout/AuthCard";
import { Button } from "~/components/ui/Button";
import { Field } from "~/components/ui/Field";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { isResetTokenLive, resetPassword } from "~/modules/auth/accounts.server";
import { clearedSessionCookie } from "~/modules/auth/request.server";
import { resetPasswordSchema } from "~/modules/auth/schemas";
import { db } from "~/modules/database.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, live: token ? await isResetTokenLive(db(), token) : false };
}

export async function action({ request }: ActionFunctionArgs) {
  return handleForm(await request.formData(), resetPasswordSchema, async (value) => {
    await resetPassword(db(), value);
    return redirectWithFlash("/login", "Your password is changed. Sign in with the new one.", "success", {
      headers: { "Set-Cookie": clearedSessionCookie() },
    });
  });
}

export default function ResetPassword() {
  const { token, live } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(resetPasswordSchema, lastResult);
  if (!live) {
    return (
      <AuthCard title="This link has expired">
        <p>
          Reset links work once and for one hour. <Link to="/forgot-password">Ask for a new one</Link>.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" intro="Signing in elsewhere will end: every session is closed.">
      <SchemaForm form={form} className="space-y-4">
        <input type="hidden" name="token" value={token} />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          help="At least 8 characters."
          {...fieldProps(fields.password)}
        />
        <Field
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          {...fieldProps(fields.confirm)}
        />
        <Button type="submit" className="w-full">
          Change password
        </Button>
      </SchemaForm>
    </AuthCard>
  );
}

import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { AuthCard } from "~/components/layout/AuthCard";
import { Button } from "~/components/ui/Button";
import { Field } from "~/components/ui/Field";
import { RateLimitedError } from "~/lib/errors";
import { handleForm } from "~/lib/forms.server";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { forgotPasswordSchema } from "~/modules/auth/schemas";
import { db } from "~/modules/database.server";

export const meta: MetaFunction = () => [{ title: "Reset your password · Commons" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  try {
    return await handleForm(formData, forgotPasswordSchema, async ({ email }) => {
      await requestPasswordReset(db(), { email, ip: context.clientIp });
      return data({ status: "success" as const, sentTo: email }) as unknown as Response;
    });
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return data({ status: "error" as const, error: { "": [error.message] } }, { status: 429 });
  }
}

export default function ForgotPassword() {
  const lastResult = useActionData<typeof action>() as { status?: string; sentTo?: string } | undefined;
  const [form, fields] = useSchemaForm(
    forgotPasswordSchema,
    lastResult?.sentTo ? undefined : (lastResult as never),
  );
  const busy = useNavigation().state === "submitting";
  if (lastResult?.sentTo) {
    return (
      <AuthCard title="Check your email">
        <output className="block">
          If <strong>{lastResult.sentTo}</strong> has a Commons account, we sent it a link to choose a new
          password. The link expires in one hour.
        </output>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Reset your password" intro="Enter your account's email and we'll send you a link.">
      <SchemaForm form={form} className="space-y-4">
        <Field label="Email" type="email" autoComplete="email" {...fieldProps(fields.email)} />
        <Button type="submit" className="w-full" disabled={busy}>
          Send reset link
        </Button>
      </SchemaForm>
    </AuthCard>
  );
}

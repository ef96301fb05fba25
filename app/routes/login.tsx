import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { AuthCard } from "~/components/layout/AuthCard";
import { Button } from "~/components/ui/Button";
import { Field } from "~/components/ui/Field";
import { RateLimitedError } from "~/lib/errors";
import { handleForm } from "~/lib/forms.server";
import { signIn } from "~/modules/auth/accounts.server";
import { getViewer, safeRedirectPath, sessionCookie } from "~/modules/auth/request.server";
import { loginSchema } from "~/modules/auth/schemas";
import { db } from "~/modules/database.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getViewer(request)) throw redirect("/account");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  try {
    return await handleForm(formData, loginSchema, async (value) => {
      const { session } = await signIn(db(), {
        email: value.email,
        password: value.password,
        ip: context.clientIp,
      });
      return redirect(safeRedirectPath(value.redirectTo), {
        headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) },
      });
    });
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return data(
      {
        status: "error" as const,
        error: { "": [error.message] },
        initialValue: { email: String(formData.get("email") ?? "") },
      },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
}

export default function Login() {
  const [params] = useSearchParams();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(loginSchema, lastResult);
  const busy = useNavigation().state === "submitting";
  const signupHref = `/signup${params.size ? `?${params}` : ""}`;
  return (
    <AuthCard
      title="Sign in"
      intro={
        <>
          New to Commons? <Link to={signupHref}>Create an account</Link>.
        </>
      }
    >
      <SchemaForm form={form} className="space-y-4">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field label="Email" type="email" autoComplete="email" {...fieldProps(fields.email)} />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          {...fieldProps(fields.password)}
        />
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
        <p className="text-center text-sm">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      </SchemaForm>
    </AuthCard>
  );
}

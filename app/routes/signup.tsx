import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { AuthCard } from "~/components/layout/AuthCard";
import { JoinSteps } from "~/components/memberships/JoinSteps";
import { Button } from "~/components/ui/Button";
import { Field } from "~/components/ui/Field";
import { handleForm } from "~/lib/forms.server";
import { getViewer, safeRedirectPath, signupCookie } from "~/modules/auth/request.server";
import { signupSchema } from "~/modules/auth/schemas";
import { startSignUp } from "~/modules/auth/signup.server";
import { db } from "~/modules/database.server";
import { joinableTier, tierIdOfJoinPath } from "~/modules/memberships/joining.server";

export const meta: MetaFunction = () => [{ title: "Create an account · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getViewer(request)) throw redirect("/account");
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  const tier = await joinableTier(db(), tierIdOfJoinPath(safeRedirectPath(redirectTo, "")));
  return { joining: tier ? tier.name : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const redirectTo = safeRedirectPath(String(formData.get("redirectTo") ?? ""), "/account");
  // The same answer whether or not the address has an account (issue 12, item 6): a
  // pending sign-up and "check your email"; the account is made when the code comes back.
  return handleForm(formData, signupSchema, async (value) => {
    const pending = await startSignUp(db(), { ...value, ip: context.clientIp, redirectTo });
    return redirect("/verify-email", {
      headers: { "Set-Cookie": signupCookie(pending.token, pending.expiresAt) },
    });
  });
}

export default function Signup() {
  const [params] = useSearchParams();
  const { joining } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(signupSchema, lastResult, { email: params.get("email") ?? "" });
  const busy = useNavigation().state === "submitting";
  return (
    <AuthCard
      title="Create an account"
      intro={
        <>
          Already have one? <Link to={`/login${params.size ? `?${params}` : ""}`}>Sign in</Link>.
        </>
      }
    >
      {joining ? <JoinSteps current={1} tierName={joining} /> : null}
      <SchemaForm form={form} className="mt-4 space-y-4">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field label="Your name" autoComplete="name" {...fieldProps(fields.name)} />
        <Field label="Email" type="email" autoComplete="email" {...fieldProps(fields.email)} />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          help="At least 8 characters. Long passphrases are welcome."
          {...fieldProps(fields.password)}
        />
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? "Creating your account…" : "Create account"}
        </Button>
      </SchemaForm>
    </AuthCard>
  );
}

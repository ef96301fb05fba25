import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { AuthCard } from "~/components/layout/AuthCard";
import { Button } from "~/components/ui/Button";
import { Field } from "~/components/ui/Field";
import { RateLimitedError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import {
  resendVerificationEmail,
  verifyEmailByCode,
  verifyEmailByLink,
} from "~/modules/auth/accounts.server";
import {
  clearedSignupCookie,
  getViewer,
  requireUser,
  safeRedirectPath,
  sessionCookie,
  signupToken,
} from "~/modules/auth/request.server";
import { verifyCodeSchema } from "~/modules/auth/schemas";
import {
  completeSignUpByCode,
  completeSignUpByLink,
  pendingSignupOf,
  resendSignupEmail,
} from "~/modules/auth/signup.server";
import { db } from "~/modules/database.server";

export const meta: MetaFunction = () => [{ title: "Confirm your email · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const signupLink = new URL(request.url).searchParams.get("signup");
  if (signupLink) {
    // The emailed link of a pending sign-up makes the account; the person then signs in
    // (or enters the code in the tab where they signed up, which signs them in there).
    if (await completeSignUpByLink(db(), signupLink))
      throw await redirectWithFlash("/login", "Your account is ready. Sign in to continue.");
    return { linkExpired: true, email: null, signup: true };
  }
  const token = new URL(request.url).searchParams.get("token");
  if (token) {
    const userId = await verifyEmailByLink(db(), token);
    if (userId) {
      const viewer = await getViewer(request);
      throw await redirectWithFlash(viewer ? "/account" : "/login", "Your email address is confirmed.");
    }
    return { linkExpired: true, email: (await getViewer(request))?.email ?? null };
  }
  const viewer = await getViewer(request);
  if (!viewer) {
    const pending = await pendingSignupOf(db(), signupToken(request));
    if (pending) return { linkExpired: false, email: pending.email };
  }
  if ((await requireUser(request)).emailVerified) throw redirect("/account");
  return { linkExpired: false, email: viewer!.email };
}

export async function action({ request }: ActionFunctionArgs) {
  if (!(await getViewer(request)) && signupToken(request)) return pendingSignupAction(request);
  const viewer = await requireUser(request);
  const formData = await request.formData();
  if (intentOf(formData) === "resend") {
    try {
      await resendVerificationEmail(db(), viewer);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return redirectWithFlash("/verify-email", error.message, "error");
    }
    return redirectWithFlash("/verify-email", `We sent a new code to ${viewer.email}.`, "info");
  }
  return handleForm(formData, verifyCodeSchema, async ({ code }) => {
    await verifyEmailByCode(db(), viewer.id, code);
    return redirectWithFlash("/account", "Your email address is confirmed.");
  });
}

/** Code entry and "send a new code" for a sign-up whose account is not made yet. */
async function pendingSignupAction(request: Request) {
  const token = signupToken(request);
  const formData = await request.formData();
  if (intentOf(formData) === "resend") {
    try {
      const pending = await resendSignupEmail(db(), token);
      if (!pending) return redirectWithFlash("/signup", "That sign-up has expired. Sign up again.", "error");
      return redirectWithFlash("/verify-email", `We sent a new email to ${pending.email}.`, "info");
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return redirectWithFlash("/verify-email", error.message, "error");
    }
  }
  return handleForm(formData, verifyCodeSchema, async ({ code }) => {
    const { session, redirectTo } = await completeSignUpByCode(db(), token, code);
    const headers = new Headers();
    headers.append("Set-Cookie", sessionCookie(session.token, session.expiresAt));
    headers.append("Set-Cookie", clearedSignupCookie());
    return redirectWithFlash(
      safeRedirectPath(redirectTo, "/account"),
      "Your email address is confirmed.",
      "success",
      { headers },
    );
  });
}

export default function VerifyEmail() {
  const data = useLoaderData<typeof loader>();
  const { linkExpired, email } = data;
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(verifyCodeSchema, lastResult);
  const busy = useNavigation().state === "submitting";
  if (linkExpired && !email) {
    return (
      <AuthCard title="This link has expired">
        <p>
          The confirmation link was already used or is too old.{" "}
          {"signup" in data ? (
            <>
              If your account is ready, <Link to="/login">sign in</Link>; otherwise{" "}
              <Link to="/signup">sign up again</Link>.
            </>
          ) : (
            "Sign in to get a new code."
          )}
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Confirm your email"
      intro={
        <>
          {linkExpired ? "That link has expired. " : ""}We sent an email to <strong>{email}</strong>. Enter
          the 6-digit code from it below, or follow its link.
        </>
      }
    >
      <SchemaForm form={form} className="space-y-4">
        <Field
          label="Verification code"
          inputMode="numeric"
          autoComplete="one-time-code"
          {...fieldProps(fields.code)}
        />
        <Button type="submit" className="w-full" disabled={busy}>
          Confirm
        </Button>
      </SchemaForm>
      <Form method="post" className="mt-4 text-center">
        <button type="submit" name="intent" value="resend" className="text-sm text-brand-700 underline">
          Send me a new code
        </button>
      </Form>
    </AuthCard>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fieldProps, useSchemaForm } from "~/components/forms";
import { AuthCard } from "~/components/layout/AuthCard";
import { Button } from "~/components/ui/Button";
import { Field, FormError } from "~/components/ui/Field";
import { RateLimitedError } from "~/lib/errors";
import { withFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import {
  resendVerificationEmail,
  verifyEmailByCode,
  verifyEmailByLink,
} from "~/modules/auth/accounts.server";
import { getViewer, requireUser } from "~/modules/auth/request.server";
import { verifyCodeSchema } from "~/modules/auth/schemas";
import { db } from "~/modules/database.server";

export const meta: MetaFunction = () => [{ title: "Confirm your email · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  if (token) {
    const userId = await verifyEmailByLink(db(), token);
    if (userId) {
      const viewer = await getViewer(request);
      throw redirect(viewer ? "/account" : "/login", {
        headers: await withFlash({ kind: "success", message: "Your email address is confirmed." }),
      });
    }
    return { linkExpired: true, email: (await getViewer(request))?.email ?? null };
  }
  const viewer = await requireUser(request);
  if (viewer.emailVerified) throw redirect("/account");
  return { linkExpired: false, email: viewer.email };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const formData = await request.formData();
  if (intentOf(formData) === "resend") {
    try {
      await resendVerificationEmail(db(), viewer);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return redirect("/verify-email", {
        headers: await withFlash({ kind: "error", message: error.message }),
      });
    }
    return redirect("/verify-email", {
      headers: await withFlash({ kind: "info", message: `We sent a new code to ${viewer.email}.` }),
    });
  }
  return handleForm(formData, verifyCodeSchema, async ({ code }) => {
    await verifyEmailByCode(db(), viewer.id, code);
    return redirect("/account", {
      headers: await withFlash({ kind: "success", message: "Your email address is confirmed." }),
    });
  });
}

export default function VerifyEmail() {
  const { linkExpired, email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(verifyCodeSchema, lastResult);
  const busy = useNavigation().state === "submitting";
  if (linkExpired && !email) {
    return (
      <AuthCard title="This link has expired">
        <p>The confirmation link was already used or is too old. Sign in to get a new code.</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Confirm your email"
      intro={
        <>
          {linkExpired ? "That link has expired. " : ""}We sent a 6-digit code to <strong>{email}</strong>.
          Enter it below, or follow the link in the email.
        </>
      }
    >
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="space-y-4">
        <FormError errors={form.errors} />
        <Field
          label="Verification code"
          inputMode="numeric"
          autoComplete="one-time-code"
          {...fieldProps(fields.code)}
        />
        <Button type="submit" className="w-full" disabled={busy}>
          Confirm
        </Button>
      </Form>
      <Form method="post" className="mt-4 text-center">
        <button type="submit" name="intent" value="resend" className="text-sm text-brand-700 underline">
          Send me a new code
        </button>
      </Form>
    </AuthCard>
  );
}

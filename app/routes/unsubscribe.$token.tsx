import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import { notFound } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { unsubscribeFromAll, userOfUnsubscribeToken } from "~/modules/notifications/preferences.server";

// The link in every initiative email and its List-Unsubscribe header. Opening the
// link changes nothing (mail scanners follow links); the button, or a mail
// client's one-click POST (RFC 8058), unsubscribes.

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Commons" }];

export async function loader({ params }: LoaderFunctionArgs) {
  if (!userOfUnsubscribeToken(params.token ?? "")) notFound("This unsubscribe link is not valid.");
  return { ok: true };
}

export async function action({ params }: ActionFunctionArgs) {
  const userId = userOfUnsubscribeToken(params.token ?? "");
  if (!userId) notFound("This unsubscribe link is not valid.");
  if (!(await unsubscribeFromAll(db(), userId))) notFound("This account no longer exists.");
  return { unsubscribed: true };
}

export default function Unsubscribe() {
  useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return (
    <div className="max-w-xl space-y-4">
      <h1>Unsubscribe</h1>
      {done?.unsubscribed ? (
        <output className="block">
          Done: you will get no more initiative emails. Account emails still arrive. You can turn some back on
          in <Link to="/account/notifications">your email preferences</Link>.
        </output>
      ) : (
        <Form method="post" className="space-y-3">
          <p>Stop all emails about initiatives: decisions, updates and new proposals?</p>
          <Button type="submit">Unsubscribe</Button>
        </Form>
      )}
    </div>
  );
}

import { Form, useLoaderData } from "@remix-run/react";
import { Button, type ButtonVariant } from "~/components/ui/Button";
import { formatDay } from "~/lib/dates";
import type { loader } from "./route";

/** Invitations not yet accepted: resend (a new link) or revoke. */
export function OpenInvitations() {
  const data = useLoaderData<typeof loader>();
  return (
    <section className="space-y-3">
      <h2 className="text-lg">Open invitations</h2>
      {data.invitations.length === 0 ? (
        <p className="text-sm text-muted">No open invitations.</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
          {data.invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <span>
                {i.email}{" "}
                <span className="text-sm text-muted">
                  as {i.role}, expires {formatDay(i.expiresAt)}
                </span>
              </span>
              <div className="flex gap-2">
                <InvitationAction
                  intent="invite"
                  fields={{ email: i.email, role: i.role }}
                  variant="secondary"
                  email={i.email}
                >
                  Resend
                </InvitationAction>
                <InvitationAction
                  intent="revoke"
                  fields={{ invitationId: i.id }}
                  variant="ghost"
                  email={i.email}
                >
                  Revoke
                </InvitationAction>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * One button posting an intent about one invitation, with the fields the action needs.
 * Every row's buttons read the same, so the accessible name says whose invitation it is.
 */
function InvitationAction({
  intent,
  fields,
  variant,
  email,
  children: verb,
}: {
  intent: string;
  fields: Record<string, string>;
  variant: ButtonVariant;
  email: string;
  children: string;
}) {
  return (
    <Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button
        type="submit"
        name="intent"
        value={intent}
        variant={variant}
        aria-label={`${verb} the invitation to ${email}`}
      >
        {verb}
      </Button>
    </Form>
  );
}

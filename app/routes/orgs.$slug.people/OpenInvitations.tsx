import { Form, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
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
                <Form method="post">
                  <input type="hidden" name="email" value={i.email} />
                  <input type="hidden" name="role" value={i.role} />
                  <Button
                    type="submit"
                    name="intent"
                    value="invite"
                    variant="secondary"
                    aria-label={`Resend the invitation to ${i.email}`}
                  >
                    Resend
                  </Button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="invitationId" value={i.id} />
                  <Button
                    type="submit"
                    name="intent"
                    value="revoke"
                    variant="ghost"
                    aria-label={`Revoke the invitation to ${i.email}`}
                  >
                    Revoke
                  </Button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

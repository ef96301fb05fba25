import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { AuthCard } from "~/components/layout/AuthCard";
import { Button } from "~/components/ui/Button";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleDomainErrors } from "~/lib/http.server";
import { getViewer, requireUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import {
  acceptInvitation,
  type ClosedInvitationReason,
  findOpenInvitation,
  whyInvitationClosed,
} from "~/modules/organizations/invitations.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Commons" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findOpenInvitation(db(), params.token ?? "");
  const viewer = await getViewer(request);
  if (!found) return { open: false as const, reason: await whyInvitationClosed(db(), params.token ?? "") };
  return {
    open: true as const,
    organizationName: found.organizationName,
    role: found.invitation.role,
    email: found.invitation.email,
    viewerEmail: viewer?.email ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  const organization = await handleDomainErrors(() => acceptInvitation(db(), params.token ?? "", viewer));
  return redirectWithFlash(`/orgs/${organization.slug}`, `Welcome to ${organization.name}.`);
}

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const back = encodeURIComponent(useLocation().pathname);
  if (!data.open) return <ClosedInvitation reason={data.reason} />;
  return (
    <AuthCard title={`Join ${data.organizationName}`} intro={`You are invited as ${data.role}.`}>
      {data.viewerEmail ? (
        <Form method="post" className="space-y-4">
          <p>
            You are signed in as <strong>{data.viewerEmail}</strong>.
            {data.viewerEmail.toLowerCase() !== data.email.toLowerCase()
              ? ` The invitation was sent to ${data.email}.`
              : ""}
          </p>
          <Button type="submit" className="w-full">
            Accept invitation
          </Button>
        </Form>
      ) : (
        <div className="space-y-3">
          <p>The invitation was sent to {data.email}. Sign in, or create an account, to accept it.</p>
          <InvitationLinks email={data.email} back={back} />
        </div>
      )}
    </AuthCard>
  );
}

function InvitationLinks({ email, back }: { email: string; back: string }) {
  // The token is in the path; after signing in the person comes back here to accept.
  const target = back;
  return (
    <p className="flex flex-wrap gap-4">
      <Link
        to={`/signup?email=${encodeURIComponent(email)}&redirectTo=${target}`}
        data-testid="invite-signup"
      >
        Create an account
      </Link>
      <Link to={`/login?redirectTo=${target}`}>Sign in</Link>
    </p>
  );
}

// What a link that no longer works says (issue 13, item 10): the reason, and what to do next.
const CLOSED: Record<ClosedInvitationReason, { title: string; next: string }> = {
  replaced: {
    title: "This invitation link was replaced by a newer one",
    next: "A new invitation was sent to the same address, and only the newest link works. Open the most recent invitation email from Commons, or ask the organization's admin to send it again.",
  },
  revoked: {
    title: "This invitation was withdrawn",
    next: "The organization's admin withdrew it. Ask them if you still expect to join.",
  },
  expired: {
    title: "This invitation has expired",
    next: "Invitations work for 14 days. Ask the organization's admin to send a new one.",
  },
  accepted: {
    title: "This invitation was already accepted",
    next: "Sign in with the account that accepted it to see the organization.",
  },
  unknown: {
    title: "This invitation link does not work",
    next: "Check that the whole link was copied from the email, or ask the organization's admin for a new one.",
  },
};

function ClosedInvitation({ reason }: { reason: ClosedInvitationReason }) {
  const { title, next } = CLOSED[reason];
  return (
    <AuthCard title={title}>
      <p>{next}</p>
      {reason === "accepted" ? (
        <p className="mt-4">
          <Link to="/login">Sign in</Link>
        </p>
      ) : null}
    </AuthCard>
  );
}

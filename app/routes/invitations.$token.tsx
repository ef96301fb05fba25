import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { AuthCard } from "~/components/layout/AuthCard";
import { Button } from "~/components/ui/Button";
import { withFlash } from "~/lib/flash.server";
import { handleDomainErrors } from "~/lib/http.server";
import { getViewer, requireUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { acceptInvitation, findOpenInvitation } from "~/modules/organizations/people.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Commons" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findOpenInvitation(db(), params.token ?? "");
  const viewer = await getViewer(request);
  if (!found) return { open: false as const };
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
  return redirect(`/orgs/${organization.slug}`, {
    headers: await withFlash({ kind: "success", message: `Welcome to ${organization.name}.` }),
  });
}

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const back = encodeURIComponent(useLocation().pathname);
  if (!data.open) {
    return (
      <AuthCard title="This invitation is no longer open">
        <p>
          It has expired, was revoked, or was already accepted. Ask the organization's admin for a new one.
        </p>
      </AuthCard>
    );
  }
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

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { ConflictError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { intentOf } from "~/lib/forms.server";
import { db } from "~/modules/database.server";
import { listOpenInvitations } from "~/modules/organizations/invitations.server";
import { listMembers } from "~/modules/organizations/people.server";
import { assignableRoles, can } from "~/modules/organizations/policy";
import { requireOrganization } from "~/modules/organizations/request.server";
import { peopleActions } from "./actions.server";
import { InviteForm } from "./InviteForm";
import { LeaveOrganization } from "./LeaveOrganization";
import { MemberTable } from "./MemberTable";
import { OpenInvitations } from "./OpenInvitations";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, actor } = await requireOrganization(request, params.slug, "view");
  const canManage = can(actor, "manage-people");
  const [members, invitations] = await Promise.all([
    listMembers(db(), organization.id),
    canManage ? listOpenInvitations(db(), organization.id) : Promise.resolve([]),
  ]);
  return {
    slug: organization.slug,
    viewerId: actor.userId,
    isMember: actor.role !== null,
    canManage,
    roles: assignableRoles(actor),
    canTouchOwners: can(actor, "grant-owner"),
    members,
    invitations,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = intentOf(formData);
  if (!Object.hasOwn(peopleActions, intent)) throw new Response("Unknown action", { status: 400 });
  const context = await requireOrganization(
    request,
    params.slug,
    intent === "leave" ? "view" : "manage-people",
  );
  const back = `/orgs/${context.organization.slug}/people`;
  try {
    return await peopleActions[intent as keyof typeof peopleActions]({ context, formData, back });
  } catch (error) {
    // Removing the last owner, and the like: said on the page, not as an error page.
    if (!(error instanceof ConflictError)) throw error;
    return redirectWithFlash(back, error.message, "error");
  }
}

export default function People() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="space-y-8">
      <MemberTable />
      {data.canManage ? (
        <>
          {/* A sent invitation is the newest open one: keying on it empties the form after a send. */}
          <InviteForm
            key={data.invitations[0]?.id ?? "none"}
            roles={data.roles}
            lastResult={reply?.initialValue?.intent === "invite" ? reply : undefined}
          />
          <OpenInvitations />
        </>
      ) : null}
      {data.isMember ? <LeaveOrganization /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

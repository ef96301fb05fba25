import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { fieldProps, useSchemaForm } from "~/components/forms";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Badge } from "~/components/ui/Badge";
import { Button, ButtonLink } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { Field, FormError, SelectField } from "~/components/ui/Field";
import { Table, Td, Th } from "~/components/ui/Table";
import { formatDay } from "~/lib/dates";
import { ConflictError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import {
  changeRole,
  inviteMember,
  listMembers,
  listOpenInvitations,
  removeMember,
  revokeInvitation,
} from "~/modules/organizations/people.server";
import { assignableRoles, can } from "~/modules/organizations/policy";
import { requireOrganization } from "~/modules/organizations/request.server";
import { inviteSchema, roleChangeSchema } from "~/modules/organizations/schemas";

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
  const context = await requireOrganization(
    request,
    params.slug,
    intent === "leave" ? "view" : "manage-people",
  );
  const back = `/orgs/${context.organization.slug}/people`;
  const done = async (message: string, to = back) => redirectWithFlash(to, message);
  const refuse = async (error: unknown) => {
    if (!(error instanceof ConflictError)) throw error;
    return redirectWithFlash(back, error.message, "error");
  };
  switch (intent) {
    case "invite":
      return handleForm(formData, inviteSchema, async (value) => {
        const { replacedEarlier } = await inviteMember(db(), context, {
          ...value,
          inviterName: context.viewer.name,
        });
        return done(
          replacedEarlier
            ? `A new link was sent to ${value.email}; the earlier link no longer works.`
            : `Invitation sent to ${value.email}.`,
        );
      });
    case "revoke":
      await handleDomainErrors(() => revokeInvitation(db(), context, String(formData.get("invitationId"))));
      return done("Invitation revoked.");
    case "role":
      return handleForm(formData, roleChangeSchema, async ({ userId, role }) => {
        try {
          await handleDomainErrors(() => changeRole(db(), context, userId, role));
          return await done("Role changed.");
        } catch (error) {
          return refuse(error);
        }
      });
    case "remove":
    case "leave": {
      const userId = intent === "leave" ? context.viewer.id : String(formData.get("userId"));
      try {
        await handleDomainErrors(() => removeMember(db(), context, userId));
      } catch (error) {
        return refuse(error);
      }
      return intent === "leave"
        ? done(`You left ${context.organization.name}.`, "/account")
        : done("Removed from the organization.");
    }
    default:
      throw new Response("Unknown action", { status: 400 });
  }
}

export default function People() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirmRemove = params.get("remove");
  const confirmLeave = params.get("confirm") === "leave";
  return (
    <div className="space-y-8">
      <section className="space-y-4">
        <h2>People</h2>
        <Table caption="People in this organization">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Role</Th>
              {data.canManage ? <Th>Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => {
              const editable =
                data.canManage && (m.role !== "owner" || data.canTouchOwners) && m.userId !== data.viewerId;
              return (
                <tr key={m.userId}>
                  <Td>
                    <div className="font-medium">
                      {m.name} {m.userId === data.viewerId ? <span className="text-muted">(you)</span> : null}
                    </div>
                    <div className="text-xs text-muted">{m.email}</div>
                  </Td>
                  <Td>
                    <Badge tone={m.role === "owner" ? "brand" : "neutral"}>{m.role}</Badge>
                  </Td>
                  {data.canManage ? (
                    <Td>
                      {editable ? (
                        <div className="flex flex-wrap items-center gap-2">
                          <Form method="post" className="flex items-center gap-2">
                            <input type="hidden" name="intent" value="role" />
                            <input type="hidden" name="userId" value={m.userId} />
                            <SelectField
                              label={`Role for ${m.name}`}
                              hideLabel
                              className="w-32"
                              name="role"
                              defaultValue={m.role}
                              options={data.roles.map((r) => ({ value: r, label: r }))}
                            />
                            <Button type="submit" variant="secondary">
                              Change
                            </Button>
                          </Form>
                          {confirmRemove === m.userId ? (
                            <Form method="post" className="flex items-center gap-2">
                              <input type="hidden" name="userId" value={m.userId} />
                              <span role="alert" className="text-sm">
                                Remove {m.name}?
                              </span>
                              <Button type="submit" name="intent" value="remove" variant="danger">
                                Remove
                              </Button>
                              <ButtonLink to="." variant="ghost">
                                Cancel
                              </ButtonLink>
                            </Form>
                          ) : (
                            <ButtonLink to={`?remove=${m.userId}`} variant="ghost">
                              Remove…
                            </ButtonLink>
                          )}
                        </div>
                      ) : null}
                    </Td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      </section>

      {data.canManage ? (
        <>
          {/* A sent invitation is the newest open one: keying on it empties the form after a send. */}
          <InviteForm key={data.invitations[0]?.id ?? "none"} roles={data.roles} lastResult={lastResult} />
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
        </>
      ) : null}

      {data.isMember ? (
        <Card className="max-w-2xl">
          <CardHeader title="Leave this organization" level={3} />
          {confirmLeave ? (
            <Form method="post" className="flex flex-wrap items-center gap-3">
              <span role="alert">You will lose access to its pages. Leave?</span>
              <Button type="submit" name="intent" value="leave" variant="danger">
                Leave
              </Button>
              <ButtonLink to="." variant="secondary">
                Stay
              </ButtonLink>
            </Form>
          ) : (
            <ButtonLink to="?confirm=leave" variant="secondary">
              Leave organization…
            </ButtonLink>
          )}
        </Card>
      ) : null}
    </div>
  );
}

function InviteForm({
  roles,
  lastResult,
}: {
  roles: string[];
  lastResult: ReturnType<typeof useActionData<typeof action>>;
}) {
  const [form, fields] = useSchemaForm(inviteSchema, lastResult, { role: "member" });
  return (
    <Card className="max-w-2xl">
      <CardHeader title="Invite someone" />
      <Form
        method="post"
        id={form.id}
        onSubmit={form.onSubmit}
        noValidate
        className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-start"
      >
        <input type="hidden" name="intent" value="invite" />
        <div className="sm:col-span-3">
          <FormError errors={form.errors} />
        </div>
        <Field label="Email" type="email" {...fieldProps(fields.email)} />
        <SelectField
          label="Role"
          options={roles.map((r) => ({ value: r, label: r }))}
          {...fieldProps(fields.role)}
        />
        <Button type="submit" className="sm:mt-6">
          Send invitation
        </Button>
      </Form>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

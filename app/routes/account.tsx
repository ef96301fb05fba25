import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Badge } from "~/components/ui/Badge";
import { Button, ButtonLink } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { Field } from "~/components/ui/Field";
import { formatDay } from "~/lib/dates";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { changePassword } from "~/modules/auth/accounts.server";
import { requireUser } from "~/modules/auth/request.server";
import { changePasswordSchema } from "~/modules/auth/schemas";
import { db } from "~/modules/database.server";
import { membershipStatesOf } from "~/modules/memberships/joining.server";
import { listOrganizationsOf } from "~/modules/organizations/organizations.server";

export const meta: MetaFunction = () => [{ title: "Your account · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  return {
    user: {
      name: viewer.name,
      email: viewer.email,
      emailVerified: viewer.emailVerified,
      isStaff: viewer.isStaff,
    },
    organizations: await organizationsWithMembership(viewer.id),
  };
}

/** The landing page after sign-in (issue 13, item 1): each organization with its membership. */
async function organizationsWithMembership(userId: string) {
  const organizations = await listOrganizationsOf(db(), userId);
  const states = await membershipStatesOf(
    db(),
    organizations.map((o) => o.id),
  );
  return organizations.map((o) => {
    const state = states.get(o.id);
    return {
      ...o,
      membership: state
        ? {
            status: state.status,
            method: state.method,
            tierName: state.tierName,
            periodEnd: state.periodEnd?.toISOString() ?? null,
            cancelAtPeriodEnd: state.cancelAtPeriodEnd,
          }
        : null,
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUser(request);
  return handleForm(await request.formData(), changePasswordSchema, async (value) => {
    await changePassword(db(), { userId: viewer.id, sessionId: viewer.sessionId, ...value });
    return redirectWithFlash("/account", "Password changed. Your other sessions were signed out.");
  });
}

type MembershipView = {
  status: string;
  method: string;
  tierName: string;
  periodEnd: string | null;
  cancelAtPeriodEnd: boolean;
} | null;

/** One organization's membership in words, with what needs doing first. */
function MembershipLine({
  slug,
  role,
  membership,
}: {
  slug: string;
  role: string;
  membership: MembershipView;
}) {
  const admin = role !== "member";
  const billing = `/orgs/${slug}/billing`;
  if (!membership || membership.status === "canceled" || membership.status === "expired")
    return (
      <>
        <Badge>not a member</Badge>
        {admin ? <Link to="/membership">Join</Link> : null}
      </>
    );
  if (membership.status === "past_due")
    return (
      <>
        <Badge tone="danger">renewal failed</Badge>
        {admin ? <Link to={billing}>Update the card</Link> : null}
      </>
    );
  if (membership.status === "pending")
    return (
      <>
        <Badge tone="warning">
          {membership.method === "invoice" ? "invoice unpaid" : "payment not finished"}
        </Badge>
        {admin ? <Link to={billing}>See billing</Link> : null}
      </>
    );
  return (
    <>
      <Badge tone="success">member · {membership.tierName}</Badge>
      {membership.periodEnd ? (
        <span>
          {membership.cancelAtPeriodEnd ? "ends" : "renews"} {formatDay(membership.periodEnd)}
        </span>
      ) : null}
    </>
  );
}

export default function Account() {
  const { user, organizations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(changePasswordSchema, lastResult);
  return (
    <div className="space-y-8">
      <div>
        <h1>Your account</h1>
        <p className="mt-1 text-muted">
          {user.name} · {user.email}{" "}
          {user.emailVerified ? (
            <Badge tone="success">Email confirmed</Badge>
          ) : (
            <Link to="/verify-email">
              <Badge tone="warning">Confirm your email</Badge>
            </Link>
          )}{" "}
          {user.isStaff ? <Badge tone="brand">Staff</Badge> : null}
        </p>
        <p className="mt-2 text-sm">
          <Link to="/account/notifications">Email preferences</Link>
        </p>
      </div>
      <Card>
        <CardHeader
          title="Your organizations"
          action={
            <ButtonLink to="/orgs/new" variant="secondary">
              New organization
            </ButtonLink>
          }
        />
        {organizations.length === 0 ? (
          <EmptyState title="You don't belong to an organization yet">
            Create one for your institution or community, or ask an admin of an existing one to invite you.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-line">
            {organizations.map((o) => (
              <li key={o.id} className="flex items-center justify-between py-3">
                <Link to={`/orgs/${o.slug}`} className="font-medium">
                  {o.name}
                </Link>
                <span className="flex flex-wrap items-center gap-2 text-sm text-muted">
                  <MembershipLine slug={o.slug} role={o.role} membership={o.membership} />
                  <span>
                    {o.kind} · {o.role}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="max-w-xl">
        <CardHeader title="Change password" />
        <SchemaForm form={form} className="space-y-4">
          <Field
            label="Current password"
            type="password"
            autoComplete="current-password"
            {...fieldProps(fields.currentPassword)}
          />
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            help="At least 8 characters."
            {...fieldProps(fields.password)}
          />
          <Field
            label="Repeat the new password"
            type="password"
            autoComplete="new-password"
            {...fieldProps(fields.confirm)}
          />
          <Button type="submit">Change password</Button>
          <p className="text-sm text-muted">Changing it signs you out everywhere else.</p>
        </SchemaForm>
      </Card>
    </div>
  );
}

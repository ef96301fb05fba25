import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { ButtonLink } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { formatCount } from "~/lib/numbers";
import { db } from "~/modules/database.server";
import { listHubs } from "~/modules/hubs/hubs.server";
import { listMembers } from "~/modules/organizations/people.server";
import { can } from "~/modules/organizations/policy";
import { requireOrganization } from "~/modules/organizations/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, actor } = await requireOrganization(request, params.slug, "view");
  const [hubs, members] = await Promise.all([
    listHubs(db(), organization.id),
    listMembers(db(), organization.id),
  ]);
  const active = hubs.filter((h) => h.status === "active");
  return {
    organization: {
      slug: organization.slug,
      description: organization.description,
      website: organization.website,
      isPublic: organization.isPublic,
    },
    canManage: can(actor, "manage-hubs"),
    stats: {
      activeHubs: active.length,
      users: active.reduce((sum, h) => sum + (h.userCount ?? 0), 0),
      people: members.length,
    },
  };
}

export default function OrganizationOverview() {
  const { organization, canManage, stats } = useLoaderData<typeof loader>();
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <Card className="md:col-span-2">
        <CardHeader title="About" />
        {organization.description ? (
          <p>{organization.description}</p>
        ) : (
          <p className="text-muted">No description yet.</p>
        )}
        {organization.website ? (
          <p className="mt-2">
            <a href={organization.website} rel="noopener noreferrer">
              {organization.website}
            </a>
          </p>
        ) : null}
        {organization.isPublic ? (
          <p className="mt-4 text-sm">
            <Link to={`/members/${organization.slug}`}>See the public page</Link>
          </p>
        ) : null}
      </Card>
      <Card>
        <CardHeader title="At a glance" />
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between">
            <dt>Active hubs</dt>
            <dd className="font-semibold">{stats.activeHubs}</dd>
          </div>
          <div className="flex justify-between">
            <dt>Reported hub users</dt>
            <dd className="font-semibold">{formatCount(stats.users)}</dd>
          </div>
          <div className="flex justify-between">
            <dt>People</dt>
            <dd className="font-semibold">{stats.people}</dd>
          </div>
        </dl>
      </Card>
      {stats.activeHubs === 0 ? (
        <div className="md:col-span-3">
          <EmptyState
            title="No hubs registered yet"
            action={
              canManage ? (
                <ButtonLink to={`/orgs/${organization.slug}/hubs/new`}>Add a hub</ButtonLink>
              ) : undefined
            }
          >
            Hubs are what memberships cover and what endorsements speak for.
          </EmptyState>
        </div>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

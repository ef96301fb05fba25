import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { HubCheckStatus, HubStatusBadge } from "~/components/hubs/HubCheckStatus";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Button, ButtonLink } from "~/components/ui/Button";
import { EmptyState } from "~/components/ui/EmptyState";
import { Table, Td, Th } from "~/components/ui/Table";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleDomainErrors } from "~/lib/http.server";
import { formatCount } from "~/lib/numbers";
import { db } from "~/modules/database.server";
import { verifyRolloutsOfHub } from "~/modules/delivery/rollouts.server";
import { listHubs, runHubCheck } from "~/modules/hubs/hubs.server";
import { currentMembership } from "~/modules/memberships/memberships.server";
import { can } from "~/modules/organizations/policy";
import { requireOrganization } from "~/modules/organizations/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, actor } = await requireOrganization(request, params.slug, "view");
  const [hubs, membership] = await Promise.all([
    listHubs(db(), organization.id),
    currentMembership(db(), organization.id),
  ]);
  const live = membership && ["active", "past_due"].includes(membership.membership.status);
  return {
    slug: organization.slug,
    canManage: can(actor, "manage-hubs"),
    hubs,
    allowance: live ? membership.tier.hubsIncluded : null,
  };
}

/** The "check" button: reads the hub's /hub/api and reports what it found. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-hubs");
  const hubId = String((await request.formData()).get("hubId") ?? "");
  const result = await handleDomainErrors(() => runHubCheck(db(), context, hubId));
  const verified = result.ok ? await verifyRolloutsOfHub(db(), hubId) : 0;
  const message = result.ok
    ? `The hub answered: JupyterHub ${result.version}.${verified ? ` ${verified === 1 ? "A rollout is" : `${verified} rollouts are`} now verified.` : ""}`
    : result.message;
  return redirectWithFlash(
    `/orgs/${context.organization.slug}/hubs`,
    message,
    result.ok ? "success" : "error",
  );
}

export default function Hubs() {
  const { slug, canManage, hubs, allowance } = useLoaderData<typeof loader>();
  const activeCount = hubs.filter((h) => h.status === "active").length;
  const navigation = useNavigation();
  const checking = navigation.state === "submitting" ? navigation.formData?.get("hubId") : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2>Hubs</h2>
        {canManage ? <ButtonLink to={`/orgs/${slug}/hubs/new`}>Add a hub</ButtonLink> : null}
      </div>
      <p
        className={`text-sm ${allowance !== null && activeCount > allowance ? "font-medium text-danger-700" : "text-muted"}`}
      >
        {allowance === null
          ? "No membership covers these hubs yet."
          : `${Math.min(activeCount, allowance)} of ${allowance} hubs covered by your membership${activeCount > allowance ? ` (${activeCount - allowance} not covered)` : ""}.`}
      </p>
      {hubs.length === 0 ? (
        <EmptyState title="No hubs yet">
          {canManage
            ? "Register the JupyterHubs your organization runs."
            : "An admin of this organization can register its hubs."}
        </EmptyState>
      ) : (
        <Table caption="Hubs run by this organization">
          <thead>
            <tr>
              <Th>Hub</Th>
              <Th>Status</Th>
              <Th>Users</Th>
              <Th>Check</Th>
              {canManage ? <Th className="sr-only">Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {hubs.map((hub) => (
              <tr key={hub.id}>
                <Td>
                  <div className="font-medium">
                    {canManage ? <Link to={`/orgs/${slug}/hubs/${hub.id}`}>{hub.name}</Link> : hub.name}
                  </div>
                  <div className="break-all text-xs text-muted">{hub.url}</div>
                  {hub.region ? <div className="text-xs text-muted">{hub.region}</div> : null}
                </Td>
                <Td>
                  <HubStatusBadge status={hub.status} lastCheckError={hub.lastCheckError} />
                </Td>
                <Td>
                  {hub.userCount !== null ? (
                    <>
                      {formatCount(hub.userCount)}
                      <div className="text-xs text-muted">as of {hub.usersReportedOn}</div>
                    </>
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </Td>
                <Td>
                  <HubCheckStatus hub={hub} />
                </Td>
                {canManage ? (
                  <Td>
                    <Form method="post">
                      <input type="hidden" name="hubId" value={hub.id} />
                      <Button
                        type="submit"
                        variant="secondary"
                        disabled={checking === hub.id}
                        aria-label={`Check ${hub.name}`}
                      >
                        {checking === hub.id ? "Checking…" : "Check"}
                      </Button>
                    </Form>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

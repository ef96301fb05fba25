import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/ui/Badge";
import { db } from "~/modules/database.server";
import { can } from "~/modules/organizations/policy";
import { requireOrganization } from "~/modules/organizations/request.server";
import { failedPledgesOf } from "~/modules/pledges/organization-pledges.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "Organization"} · Commons` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, actor } = await requireOrganization(request, params.slug, "view");
  return {
    organization: {
      slug: organization.slug,
      name: organization.name,
      kind: organization.kind,
      isPublic: organization.isPublic,
    },
    role: actor.role,
    canManage: can(actor, "edit"),
    failedPledges: can(actor, "pledge") ? await failedPledgesOf(db(), organization.id) : [],
  };
}

const tab = ({ isActive }: { isActive: boolean }) =>
  `block border-b-2 px-3 py-2 text-sm font-medium no-underline hover:no-underline ${isActive ? "border-brand-700 text-brand-800" : "border-transparent text-ink hover:border-line"}`;

export default function OrganizationLayout() {
  const { organization, role, canManage, failedPledges } = useLoaderData<typeof loader>();
  const base = `/orgs/${organization.slug}`;
  return (
    <div>
      <div className="flex flex-wrap items-center gap-3">
        <h1>{organization.name}</h1>
        <Badge tone="brand">{organization.kind}</Badge>
        {organization.isPublic ? null : <Badge>hidden from directory</Badge>}
      </div>
      <p className="mt-1 text-sm text-muted">{role ? `Your role: ${role}` : "Viewing as staff"}</p>
      {failedPledges.length > 0 ? (
        <div role="alert" className="mt-4 rounded-md border border-danger-700/40 bg-danger-50 p-3 text-sm">
          <strong>Fix payment:</strong>{" "}
          {failedPledges.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ", " : ""}
              <Link to={`${base}/pledges/${p.id}`}>the pledge to {p.title}</Link>
            </span>
          ))}{" "}
          could not be collected. Fix it within seven days of funding, or the pledge is dropped.
        </div>
      ) : null}
      <nav aria-label="Organization" className="relative mt-6 overflow-x-auto border-b border-line">
        <ul className="flex min-w-max gap-1">
          <li>
            <NavLink to={base} end className={tab}>
              Overview
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/hubs`} className={tab}>
              Hubs
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/initiatives`} className={tab}>
              Proposals
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/people`} className={tab}>
              People
            </NavLink>
          </li>
          {canManage ? (
            <>
              <li>
                <NavLink to={`${base}/billing`} className={tab}>
                  Billing
                </NavLink>
              </li>
              <li>
                <NavLink to={`${base}/settings`} className={tab}>
                  Settings
                </NavLink>
              </li>
              <li>
                <NavLink to={`${base}/activity`} className={tab}>
                  Activity
                </NavLink>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
      <div className="mt-6">
        <Outlet />
      </div>
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/initiatives/StatusBadge";
import { Badge } from "~/components/ui/Badge";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { notFound } from "~/lib/http.server";
import { formatCount } from "~/lib/numbers";
import { db } from "~/modules/database.server";
import { publicInitiativesOf } from "~/modules/initiatives/catalog.server";
import { getPublicOrganization } from "~/modules/organizations/directory.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.organization.name} · Commons members` },
        { name: "description", content: data.organization.description.slice(0, 160) },
        { property: "og:title", content: data.organization.name },
      ]
    : [{ title: "Not found · Commons" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const organization = await getPublicOrganization(db(), params.slug ?? "");
  if (!organization) notFound("No listed member has this address.");
  const initiatives = await publicInitiativesOf(db(), organization.id);
  return {
    initiatives,
    organization: {
      name: organization.name,
      kind: organization.kind,
      description: organization.description,
      website: organization.website,
      logoUrl: organization.logoUrl,
      hubs: organization.hubs.map((h) => ({
        id: h.id,
        name: h.name,
        url: h.url,
        status: h.status,
        region: h.region,
        userCount: h.userCount,
        usersReportedOn: h.usersReportedOn,
        jupyterhubVersion: h.jupyterhubVersion,
      })),
    },
  };
}

export default function MemberPage() {
  const { organization, initiatives } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        {organization.logoUrl ? (
          <img
            src={organization.logoUrl}
            alt=""
            width={56}
            height={56}
            className="size-14 rounded-md border border-line object-cover"
          />
        ) : null}
        <div>
          <h1>{organization.name}</h1>
          <Badge tone="brand">{organization.kind}</Badge>
        </div>
      </div>
      {organization.description ? <p className="max-w-prose">{organization.description}</p> : null}
      {organization.website ? (
        <p>
          <a href={organization.website} rel="noopener noreferrer">
            {organization.website}
          </a>
        </p>
      ) : null}
      <Card>
        <CardHeader title="Hubs" />
        {organization.hubs.length === 0 ? (
          <EmptyState title="No hubs listed" />
        ) : (
          <ul className="divide-y divide-line">
            {organization.hubs.map((h) => (
              <li key={h.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
                <div>
                  <div className="font-medium">
                    <a href={h.url} rel="noopener noreferrer">
                      {h.name}
                    </a>
                  </div>
                  <div className="text-sm text-muted">
                    {[
                      h.region,
                      h.userCount !== null
                        ? `${formatCount(h.userCount)} users (${h.usersReportedOn})`
                        : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </div>
                </div>
                <div className="flex gap-2">
                  {h.jupyterhubVersion ? (
                    <Badge tone="success">JupyterHub {h.jupyterhubVersion}</Badge>
                  ) : null}
                  <Badge tone={h.status === "active" ? "success" : "neutral"}>{h.status}</Badge>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <CardHeader title="Initiatives proposed or endorsed" />
        {initiatives.length === 0 ? (
          <EmptyState title="None in the public catalog yet" />
        ) : (
          <ul className="divide-y divide-line">
            {initiatives.map((i) => (
              <li key={i.slug} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <Link to={`/initiatives/${i.slug}`}>{i.title}</Link>
                <StatusBadge status={i.status} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

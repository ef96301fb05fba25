import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FundedList, InitiativeYearList } from "~/components/credits/CreditLists";
import { HubStatusBadge } from "~/components/hubs/HubCheckStatus";
import { Badge } from "~/components/ui/Badge";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { yearOf } from "~/lib/dates";
import { notFound } from "~/lib/http.server";
import { formatCount } from "~/lib/numbers";
import { appUrlOf, socialMeta } from "~/lib/social-meta";
import { organizationCredit } from "~/modules/credits/organization-credit.server";
import { db } from "~/modules/database.server";
import { getPublicOrganization } from "~/modules/organizations/directory.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? socialMeta(
        {
          title: `${data.organization.name} · Commons credits`,
          description:
            data.organization.description ||
            `${data.organization.name} on Commons: ${data.credit.funded.length} initiatives funded, ${data.organization.hubs.length} hubs.`,
          path: `/members/${data.organization.slug}`,
        },
        appUrlOf(matches),
      )
    : [{ title: "Not found · Commons" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const organization = await getPublicOrganization(db(), params.slug ?? "");
  if (!organization) notFound("No listed member has this address.");
  const credit = await organizationCredit(db(), organization);
  return {
    credit,
    organization: {
      slug: organization.slug,
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
        lastCheckError: h.lastCheckError ? "unreachable" : null,
        region: h.region,
        userCount: h.userCount,
        usersReportedOn: h.usersReportedOn,
        jupyterhubVersion: h.jupyterhubVersion,
      })),
    },
  };
}

export default function MemberPage() {
  const { organization, credit } = useLoaderData<typeof loader>();
  const current = credit.funded.filter((f) => f.current);
  const past = credit.funded.filter((f) => !f.current);
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
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
            <Badge tone="brand">{organization.kind}</Badge>
            {credit.membership ? (
              <span>
                {credit.membership.tier ? `${credit.membership.tier} member` : "Past member"}
                {credit.membership.since ? ` · member since ${yearOf(credit.membership.since)}` : ""}
              </span>
            ) : (
              <span>On Commons since {yearOf(credit.onCommonsSince)}</span>
            )}
            {credit.runs.rollouts > 0 ? (
              <span>
                · runs {credit.runs.rollouts} funded{" "}
                {credit.runs.rollouts === 1 ? "improvement" : "improvements"} ({credit.runs.verified}{" "}
                verified)
              </span>
            ) : null}
          </p>
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
                  <HubStatusBadge status={h.status} lastCheckError={h.lastCheckError} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card aria-labelledby="funded">
        <CardHeader title={<span id="funded">Initiatives funded</span>} />
        <h3 className="mb-2">Current</h3>
        <FundedList items={current} empty="No initiative being funded or built now" />
        <h3 className="mt-6 mb-2">Past</h3>
        <FundedList items={past} empty="No completed initiative funded yet" />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="proposed">
          <CardHeader title={<span id="proposed">Proposed</span>} />
          <InitiativeYearList items={credit.proposed} empty="No public proposals yet" />
        </Card>
        <Card aria-labelledby="endorsed">
          <CardHeader title={<span id="endorsed">Endorsed</span>} />
          <InitiativeYearList items={credit.endorsed} empty="No endorsements yet" />
        </Card>
      </div>
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { EmptyState } from "~/components/ui/EmptyState";
import { SelectField } from "~/components/ui/Field";
import { Pagination, pageFromUrl } from "~/components/ui/Pagination";
import { db } from "~/modules/database.server";
import { DIRECTORY_PAGE_SIZE, listPublicOrganizations } from "~/modules/organizations/directory.server";

export const meta: MetaFunction = () => [
  { title: "Members · Commons" },
  { name: "description", content: "Institutions and communities in the network, and the hubs they run." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const kindParam = url.searchParams.get("kind");
  const kind = kindParam === "institution" || kindParam === "community" ? kindParam : undefined;
  const standingParam = url.searchParams.get("standing");
  const standing =
    standingParam === "member" || standingParam === "participating" ? standingParam : undefined;
  const page = pageFromUrl(request.url);
  return {
    page,
    pageSize: DIRECTORY_PAGE_SIZE,
    kind: kind ?? "",
    standing: standing ?? "",
    ...(await listPublicOrganizations(db(), { page, kind, standing })),
  };
}

export default function Members() {
  const { organizations, total, page, kind, standing, pageSize } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1>Members</h1>
        <p className="mt-2 max-w-prose text-muted">
          The institutions and communities in the network, and the hubs they run. Members hold a membership of
          the network; participating organizations propose, endorse and pledge without one.
        </p>
      </div>
      <Form key={`${standing}-${kind}`} method="get" className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Standing"
          name="standing"
          defaultValue={standing}
          options={[
            { value: "", label: "Members and participants" },
            { value: "member", label: "Members" },
            { value: "participating", label: "Participating, not members" },
          ]}
        />
        <SelectField
          label="Kind"
          name="kind"
          defaultValue={kind}
          options={[
            { value: "", label: "Institutions and communities" },
            { value: "institution", label: "Institutions" },
            { value: "community", label: "Communities" },
          ]}
        />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </Form>
      {organizations.length === 0 ? (
        <EmptyState title="No members to show">
          Organizations appear here once they choose to be listed.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {organizations.map((o) => (
            <li
              key={o.id}
              className="min-w-0 rounded-lg border border-line bg-paper p-5 [overflow-wrap:anywhere]"
            >
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <h2 className="min-w-0 break-words text-lg">
                  <Link to={`/members/${o.slug}`}>{o.name}</Link>
                </h2>
                <Badge tone="brand">{o.kind}</Badge>
                {o.isMember ? (
                  <Badge tone="success">member</Badge>
                ) : o.isParticipant ? (
                  <Badge>participating</Badge>
                ) : null}
              </div>
              {o.description ? <p className="mt-2 line-clamp-3 text-sm">{o.description}</p> : null}
              <p className="mt-3 text-sm text-muted">
                {o.hubs.length === 0
                  ? "No active hubs listed"
                  : `Hubs: ${o.hubs.map((h) => h.name).join(", ")}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ReachLine } from "~/components/delivery/DeliverySection";
import { DemandSignal, StatusBadge } from "~/components/initiatives/StatusBadge";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { CatalogRowProgress } from "~/components/pledges/FundingPanel";
import { Button } from "~/components/ui/Button";
import { EmptyState } from "~/components/ui/EmptyState";
import { SelectField } from "~/components/ui/Field";
import { Pagination, pageFromUrl } from "~/components/ui/Pagination";
import { formatMoney } from "~/lib/money";
import { formatCount } from "~/lib/numbers";
import { reachOf } from "~/modules/credits/rollouts.server";
import { db } from "~/modules/database.server";
import { CATALOG_PAGE_SIZE, listActiveProjects, listCatalog } from "~/modules/initiatives/catalog.server";
import { catalogQuerySchema } from "~/modules/initiatives/schemas";

export const meta: MetaFunction = () => [
  { title: "Initiatives · Commons" },
  { name: "description", content: "Shared improvements the network's hubs fund together." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = catalogQuerySchema.parse(Object.fromEntries(url.searchParams));
  const page = pageFromUrl(request.url);
  const [result, projects] = await Promise.all([listCatalog(db(), query, page), listActiveProjects(db())]);
  // Delivered work says where it runs (issue 11): one grouped query for the page's delivered rows.
  const reach = await reachOf(
    db(),
    result.rows.filter((r) => r.status === "delivered").map((r) => r.id),
  );
  return {
    ...result,
    page,
    pageSize: CATALOG_PAGE_SIZE,
    query,
    projects,
    reach: Object.fromEntries(reach),
  };
}

export default function Initiatives() {
  const { rows, total, page, pageSize, query, projects, reach } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.q || query.status || query.project || query.size);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1>Initiatives</h1>
        <p className="max-w-2xl text-muted">
          Shared improvements proposed by the network's communities, decided in public, and funded together:
          all or nothing.
        </p>
      </div>
      {/* Keyed by the query: after "Clear filters" or Back the fields show the URL's filters, never stale ones (issue 13, item 5). */}
      <Form
        key={JSON.stringify(query)}
        method="get"
        role="search"
        className="grid grid-cols-2 gap-3 rounded-lg border border-line bg-paper p-3 md:grid-cols-6 md:p-4"
      >
        <div className="col-span-2">
          <label htmlFor="catalog-q" className="mb-1 block text-sm font-medium">
            Search
          </label>
          <input
            id="catalog-q"
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            placeholder="e.g. GPU quotas"
            className="block w-full rounded-md border border-line bg-paper px-3 py-2 text-sm"
          />
        </div>
        <SelectField
          label="Status"
          name="status"
          defaultValue={query.status ?? ""}
          options={[
            { value: "", label: "Any public status" },
            { value: "in_review", label: "In review (endorse it)" },
            { value: "changes_requested", label: "Changes requested" },
            { value: "open", label: "Open for pledges" },
            { value: "funded", label: "Funded" },
            { value: "in_progress", label: "In progress" },
            { value: "delivered", label: "Delivered" },
          ]}
        />
        <SelectField
          label="Project"
          name="project"
          defaultValue={query.project ?? ""}
          options={[
            { value: "", label: "Any project" },
            ...projects.map((p) => ({ value: p.slug, label: p.name })),
          ]}
        />
        <SelectField
          label="Size"
          name="size"
          defaultValue={query.size ?? ""}
          options={[
            { value: "", label: "Any size" },
            ...["XS", "S", "M", "L", "XL"].map((s) => ({ value: s, label: s })),
          ]}
        />
        <SelectField
          label="Sort"
          name="sort"
          defaultValue={query.sort}
          options={[
            { value: "newest", label: "Newest" },
            { value: "demand", label: "Most backing" },
            { value: "closest", label: "Closest to funding (open)" },
            { value: "deadline", label: "Deadline soonest (open)" },
          ]}
        />
        <div className="col-span-2 flex gap-3 md:col-span-6">
          <Button type="submit">Search</Button>
          {filtered ? (
            <Link to="/initiatives" className="self-center text-sm">
              Clear filters
            </Link>
          ) : null}
        </div>
      </Form>
      <p className="text-sm text-muted" aria-live="polite">
        {total === 1 ? "1 initiative" : `${formatCount(total)} initiatives`}
        {query.q ? ` matching “${query.q}”` : ""}
      </p>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No initiatives match" : "No public initiatives yet"}>
          {filtered
            ? "Try other words, or clear the filters."
            : "Initiatives appear here once staff take them into review."}
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {rows.map((row) => (
            <li key={row.id} className="rounded-lg border border-line bg-paper p-5">
              <div className="flex flex-wrap items-center gap-3">
                <h2 className="text-lg">
                  <Link to={`/initiatives/${row.slug}`}>{row.title}</Link>
                </h2>
                <StatusBadge status={row.status} />
                {row.size ? <span className="text-xs text-muted">Size {row.size}</span> : null}
              </div>
              <p className="mt-1 text-sm text-muted">Proposed by {row.organizationName}</p>
              {row.summary ? <p className="mt-2">{row.summary}</p> : null}
              <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-1">
                <DemandSignal
                  organizations={row.demandOrganizations}
                  hubs={row.demandHubs}
                  users={row.demandUsers}
                />
                {row.goalMinor && row.status === "open" ? (
                  <div className="w-full">
                    <CatalogRowProgress row={{ ...row, goalMinor: row.goalMinor }} />
                  </div>
                ) : null}
                {reach[row.id] ? <ReachLine reach={reach[row.id]!} /> : null}
                {row.goalMinor && row.status !== "open" ? (
                  <p className="text-sm">
                    Goal{" "}
                    <strong>{formatMoney({ amountMinor: row.goalMinor, currency: row.currency })}</strong>
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

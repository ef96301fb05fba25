import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DemandSignal, StatusBadge } from "~/components/initiatives/StatusBadge";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { EmptyState } from "~/components/ui/EmptyState";
import { SelectField } from "~/components/ui/Field";
import { Pagination, pageFromUrl } from "~/components/ui/Pagination";
import { Table, Td, Th } from "~/components/ui/Table";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { listActiveProjects } from "~/modules/initiatives/catalog.server";
import {
  listQueue,
  listStaff,
  QUEUE_PAGE_SIZE,
  type QueueFilters,
} from "~/modules/initiatives/triage.server";

export const meta: MetaFunction = () => [{ title: "Triage queue · Staff · Commons" }];

const STATUSES = ["submitted", "in_review", "changes_requested"] as const;
const SIZES = ["XS", "S", "M", "L", "XL"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const pick = (name: string, ok: (v: string) => boolean) => {
    const value = params.get(name) ?? "";
    return ok(value) ? value : undefined;
  };
  const filters: QueueFilters = {
    status: pick("status", (v) => (STATUSES as readonly string[]).includes(v)) as QueueFilters["status"],
    projectId: pick("project", (v) => UUID.test(v)),
    size: pick("size", (v) => SIZES.includes(v)),
    assignee: pick("assignee", (v) => v === "me" || v === "none" || UUID.test(v)),
  };
  const page = pageFromUrl(request.url);
  const [queue, projects, staff] = await Promise.all([
    listQueue(db(), viewer, filters, page),
    listActiveProjects(db()),
    listStaff(db()),
  ]);
  return { ...queue, page, pageSize: QUEUE_PAGE_SIZE, filters, projects, staff, now: Date.now() };
}

function waited(since: string | Date, now: number) {
  const days = Math.floor((now - new Date(since).getTime()) / 86_400_000);
  return days < 1 ? "today" : days === 1 ? "1 day" : `${days} days`;
}

export default function TriageQueue() {
  const { rows, total, page, pageSize, filters, projects, staff, now } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/staff">← Staff</Link>
      </p>
      <h1>Triage queue</h1>
      <p className="text-muted">Submitted and in-review initiatives, longest waiting first.</p>
      <Form method="get" className="grid gap-3 rounded-lg border border-line bg-paper p-4 md:grid-cols-5">
        <SelectField
          label="Status"
          name="status"
          defaultValue={filters.status ?? ""}
          options={[
            { value: "", label: "All waiting" },
            { value: "submitted", label: "Submitted" },
            { value: "in_review", label: "In review" },
            { value: "changes_requested", label: "Changes requested" },
          ]}
        />
        <SelectField
          label="Upstream project"
          name="project"
          defaultValue={filters.projectId ?? ""}
          options={[{ value: "", label: "Any" }, ...projects.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <SelectField
          label="Size"
          name="size"
          defaultValue={filters.size ?? ""}
          options={[{ value: "", label: "Any" }, ...SIZES.map((s) => ({ value: s, label: s }))]}
        />
        <SelectField
          label="Assignee"
          name="assignee"
          defaultValue={filters.assignee ?? ""}
          options={[
            { value: "", label: "Anyone" },
            { value: "me", label: "Me" },
            { value: "none", label: "Unassigned" },
            ...staff.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <div className="self-end">
          <Button type="submit">Filter</Button>
        </div>
      </Form>
      {rows.length === 0 ? (
        <EmptyState title="Nothing waiting">No initiative matches these filters.</EmptyState>
      ) : (
        <Table caption="Initiatives waiting for triage" minWidth="min-w-[60rem]">
          <thead>
            <tr>
              <Th>Initiative</Th>
              <Th>Status</Th>
              <Th>Waiting</Th>
              <Th>Demand</Th>
              <Th>Leverage</Th>
              <Th>Assignee</Th>
              <Th>Priority</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <Td>
                  <Link to={`/staff/initiatives/${row.slug}`}>{row.title}</Link>
                  <div className="text-xs text-muted">
                    {row.organizationName}
                    {row.size ? ` · ${row.size}` : ""}
                  </div>
                </Td>
                <Td>
                  <StatusBadge status={row.status} />
                </Td>
                <Td>{waited(row.waitingSince, now)}</Td>
                <Td>
                  <DemandSignal
                    organizations={row.demandOrganizations}
                    hubs={row.demandHubs}
                    users={row.demandUsers}
                  />
                </Td>
                <Td>
                  {row.reviewers === 0 ? (
                    <span className="text-muted">not scored</span>
                  ) : (
                    <>
                      {row.averageScore} / 12{" "}
                      <span className="text-muted">
                        ({row.reviewers} {row.reviewers === 1 ? "reviewer" : "reviewers"})
                      </span>
                    </>
                  )}
                </Td>
                <Td>{row.assigneeName ?? <span className="text-muted">unassigned</span>}</Td>
                <Td>
                  <Badge
                    tone={
                      row.priority === "urgent" ? "danger" : row.priority === "high" ? "warning" : "neutral"
                    }
                  >
                    {row.priority}
                  </Badge>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/Badge";
import { Table, Td, Th } from "~/components/ui/Table";
import { formatDay } from "~/lib/dates";

// Staff's view of who backs an initiative (issue 12, item 5): enough to see fake demand at
// a glance, such as organizations created yesterday by the proposer's own admins.

export type BackingSignalView = {
  organizationId: string;
  name: string;
  slug: string;
  proposer: boolean;
  createdAt: string;
  member: boolean;
  checkedHub: boolean;
  sharesAdminsWith: string[];
};

export function BackingSignals({ rows }: { rows: BackingSignalView[] }) {
  return (
    <Table caption="Who backs this initiative, and how much weight each backer carries">
      <thead>
        <tr>
          <Th>Organization</Th>
          <Th>On Commons since</Th>
          <Th>Standing</Th>
          <Th>Shares an admin with</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.organizationId}-${row.proposer}`}>
            <Td>
              <Link to={`/orgs/${row.slug}`}>{row.name}</Link>
              {row.proposer ? <span className="text-muted"> · proposer</span> : null}
            </Td>
            <Td>{formatDay(row.createdAt)}</Td>
            <Td>
              {row.member ? <Badge tone="success">member</Badge> : null}{" "}
              {row.checkedHub ? <Badge tone="brand">hub answered</Badge> : null}
              {!row.member && !row.checkedHub ? (
                <Badge tone="warning">{row.proposer ? "none" : "none · not counted"}</Badge>
              ) : null}
            </Td>
            <Td>
              {row.sharesAdminsWith.length > 0 ? (
                <strong>{row.sharesAdminsWith.join(", ")}</strong>
              ) : (
                <span className="text-muted">no one</span>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

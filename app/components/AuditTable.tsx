import { Table, Td, Th } from "~/components/ui/Table";

export type AuditRow = {
  id: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  createdAt: string | Date;
  actorEmail: string | null;
};

export function AuditTable({ rows, caption }: { rows: AuditRow[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>What</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <Td className="whitespace-nowrap">
              {new Date(r.createdAt).toISOString().replace("T", " ").slice(0, 16)} UTC
            </Td>
            <Td>{r.actorEmail ?? <span className="text-muted">system</span>}</Td>
            <Td>
              <code className="text-xs">{r.action}</code>
            </Td>
            <Td className="text-xs text-muted">
              {Object.entries(r.details)
                .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                .join(" · ")}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

import { Table, Td, Th } from "~/components/ui/Table";
import { auditInWords } from "~/modules/audit/words";

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
        {rows.map((r) => {
          const words = auditInWords(r.action, r.details);
          return (
            <tr key={r.id}>
              <Td className="whitespace-nowrap">
                {new Date(r.createdAt).toISOString().replace("T", " ").slice(0, 16)} UTC
              </Td>
              <Td>{r.actorEmail ?? <span className="text-muted">system</span>}</Td>
              <Td>
                <span title={r.action}>{words.what}</span>
              </Td>
              <Td className="text-xs text-muted">{words.details}</Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

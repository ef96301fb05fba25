import { Badge } from "~/components/ui/Badge";
import { formatCount } from "~/lib/numbers";
import type { InitiativeStatus } from "~/modules/initiatives/values";
import { STATUS_LABELS, STATUS_TONES } from "~/modules/initiatives/workflow";

export function StatusBadge({ status }: { status: InitiativeStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

/** Organizations, hubs and hub users behind an initiative (issue 4, item 3). */
export function DemandSignal({
  organizations,
  hubs,
  users,
}: {
  organizations: number;
  hubs: number;
  users: number;
}) {
  const n = (v: number) => formatCount(v);
  return (
    <p className="text-sm text-muted">
      <strong className="text-ink">{n(organizations)}</strong>{" "}
      {organizations === 1 ? "organization" : "organizations"} ·{" "}
      <strong className="text-ink">{n(hubs)}</strong> {hubs === 1 ? "hub" : "hubs"} ·{" "}
      <strong className="text-ink">{n(users)}</strong> hub {users === 1 ? "user" : "users"}
    </p>
  );
}

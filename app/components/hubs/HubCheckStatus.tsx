import { Badge } from "~/components/ui/Badge";
import { formatDay } from "~/lib/dates";

export type HubCheckView = {
  jupyterhubVersion: string | null;
  lastSeenAt: string | Date | null;
  lastCheckedAt: string | Date | null;
  lastCheckError: string | null;
};

const day = (value: string | Date) => formatDay(value);

export function HubCheckStatus({ hub }: { hub: HubCheckView }) {
  if (!hub.lastCheckedAt) return <span className="text-sm text-muted">Not checked yet</span>;
  return (
    <div className="space-y-1 text-sm">
      {hub.jupyterhubVersion ? (
        <div>
          <Badge tone="success">JupyterHub {hub.jupyterhubVersion}</Badge>
          {hub.lastSeenAt ? <span className="ml-2 text-muted">seen {day(hub.lastSeenAt)}</span> : null}
        </div>
      ) : null}
      {hub.lastCheckError ? (
        <p className="text-danger-700">
          Last check {day(hub.lastCheckedAt)}: {hub.lastCheckError}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A hub's status as people should read it (issue 13, item 10): an active hub whose last
 * check failed is not shown as a plain green "active".
 */
export function HubStatusBadge({
  status,
  lastCheckError,
}: {
  status: string;
  lastCheckError: string | null;
}) {
  if (status !== "active") return <Badge tone="neutral">{status}</Badge>;
  if (lastCheckError) return <Badge tone="warning">active · unreachable at last check</Badge>;
  return <Badge tone="success">active</Badge>;
}

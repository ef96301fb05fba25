import { Badge, type BadgeTone } from "~/components/ui/Badge";

// A pledge's state in words (issue 10), the same everywhere it is shown.

export const PLEDGE_LABELS: Record<string, string> = {
  pending: "Waiting for card",
  committed: "Committed",
  collecting: "Being collected",
  paid: "Paid",
  failed: "Payment failed",
  dropped: "Dropped",
  released: "Released",
  canceled: "Canceled",
  refunded: "Refunded",
};

const TONES: Record<string, BadgeTone> = {
  pending: "warning",
  committed: "brand",
  collecting: "brand",
  paid: "success",
  failed: "danger",
  dropped: "neutral",
  released: "neutral",
  canceled: "neutral",
  refunded: "neutral",
};

export function PledgeStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "neutral"}>{PLEDGE_LABELS[status] ?? status}</Badge>;
}

import { Badge, type BadgeTone } from "~/components/ui/Badge";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { formatDay } from "~/lib/dates";
import { formatMoney } from "~/lib/money";
import { MembershipActions } from "./MembershipActions";
import { useBillingPage } from "./page";

const STATUS_TONE: Record<string, BadgeTone> = {
  active: "success",
  pending: "warning",
  past_due: "danger",
  canceled: "neutral",
  expired: "neutral",
};

/** The membership: tier, state, renewal, hubs covered, and what can be done with it. */
export function MembershipCard() {
  const { data, current, membership, settled, awaitingCheckout } = useBillingPage();
  const { activeHubs } = data;
  return (
    <Card>
      <CardHeader title="Membership" />
      {membership && current ? (
        <div className="space-y-3">
          <p className="flex flex-wrap items-center gap-2">
            <strong>{current.tier.name}</strong>
            <Badge tone={STATUS_TONE[membership.status]}>{membership.status.replace("_", " ")}</Badge>
            <span className="text-sm text-muted">
              {formatMoney({ amountMinor: membership.amountMinor, currency: membership.currency })} / year, by{" "}
              {membership.method}
            </span>
          </p>
          {membership.status === "pending" && membership.method === "invoice" ? (
            <p className="text-sm">
              Invoice issued, due within 30 days{membership.poNumber ? ` (PO ${membership.poNumber})` : ""}.{" "}
              {membership.invoiceUrl ? <a href={membership.invoiceUrl}>View or pay the invoice</a> : null} The
              membership starts when it is paid.
            </p>
          ) : null}
          {awaitingCheckout ? (
            <p className="text-sm">
              Checkout was started but not completed. Choose a tier below to pay by card.
            </p>
          ) : null}
          {membership.currentPeriodEnd && settled ? (
            <p className="text-sm">
              {membership.cancelAtPeriodEnd ? "Ends" : "Next renewal"} on{" "}
              {formatDay(membership.currentPeriodEnd)}
            </p>
          ) : null}
          {settled && current.nextTier && membership.currentPeriodEnd ? (
            <p className="text-sm">
              Changes to <strong>{current.nextTier.name}</strong> (
              {formatMoney({
                amountMinor: membership.nextAmountMinor ?? current.nextTier.priceMinor,
                currency: membership.currency,
              })}{" "}
              / year) at the next renewal on {formatDay(membership.currentPeriodEnd)}.
            </p>
          ) : null}
          {settled ? (
            <p className="text-sm">
              {Math.min(activeHubs, current.tier.hubsIncluded)} of {current.tier.hubsIncluded} hubs covered by
              your membership
            </p>
          ) : null}
          {membership.status === "past_due" ? (
            <p role="alert" className="text-sm font-medium text-danger-700">
              The last renewal payment failed. Update the card in the billing portal; we retry for two weeks.
            </p>
          ) : null}
          <MembershipActions />
        </div>
      ) : (
        <EmptyState title="No membership yet">Choose a tier below to join the network.</EmptyState>
      )}
    </Card>
  );
}

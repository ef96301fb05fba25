import type { ReactNode } from "react";
import { Badge } from "~/components/ui/Badge";
import { formatMoney } from "~/lib/money";

export type TierView = {
  id: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  hubsIncluded: number;
  benefits: string[];
  isSubsidised: boolean;
};

export function TierCard({
  tier,
  action,
  current = false,
}: {
  tier: TierView;
  action?: ReactNode;
  current?: boolean;
}) {
  return (
    <div
      className={`flex flex-col rounded-lg border bg-paper p-5 ${current ? "border-brand-700 ring-2 ring-brand-100" : "border-line"}`}
    >
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-lg font-semibold">{tier.name}</h3>
        {current ? (
          <Badge tone="brand">Your tier</Badge>
        ) : tier.isSubsidised ? (
          <Badge tone="success">Subsidised</Badge>
        ) : null}
      </div>
      <p className="mt-2 text-2xl font-bold">
        {tier.isSubsidised
          ? "No charge"
          : formatMoney({ amountMinor: tier.priceMinor, currency: tier.currency })}
        {tier.isSubsidised ? null : <span className="text-sm font-normal text-muted"> / year</span>}
      </p>
      <p className="mt-1 text-sm text-muted">
        {tier.hubsIncluded} hub{tier.hubsIncluded === 1 ? "" : "s"} included
      </p>
      {tier.description ? <p className="mt-3 text-sm">{tier.description}</p> : null}
      {tier.benefits.length ? (
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
          {tier.benefits.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      ) : null}
      {action ? <div className="mt-auto pt-4">{action}</div> : null}
    </div>
  );
}

import { Link } from "@remix-run/react";
import { PledgeStatusBadge } from "~/components/pledges/PledgeStatusBadge";
import { date, usePledgePage } from "./page";

/** State, amount, how it is paid, and the receipt once paid. */
export function PledgeHeader({ waiting }: { waiting: boolean }) {
  const { data, pledge, initiative, money } = usePledgePage();
  return (
    <>
      <header className="space-y-2">
        <h2>
          {data.organizationName}'s pledge to{" "}
          <Link to={`/initiatives/${initiative.slug}`}>{initiative.title}</Link>
        </h2>
        <p className="flex flex-wrap items-center gap-3">
          <PledgeStatusBadge status={pledge.status} />
          <strong>{money(pledge.amountMinor)}</strong>
          <span className="text-sm text-muted">
            {pledge.method === "card"
              ? pledge.card
                ? `by card, ${pledge.card.brand} ···· ${pledge.card.last4} (expires ${String(pledge.card.expMonth).padStart(2, "0")}/${pledge.card.expYear})`
                : "by card (not saved yet)"
              : "by invoice, net 30, issued at funding"}
          </span>
        </p>
        {waiting ? (
          <output className="block rounded-md border border-line bg-paper p-3 text-sm">
            Stripe is confirming… this page updates by itself.
          </output>
        ) : null}
      </header>

      {data.receipt ? (
        <p className="text-sm">
          Paid{pledge.paidAt ? ` on ${date(pledge.paidAt)}` : ""}:{" "}
          <Link to={`/orgs/${data.slug}/billing/receipts/${data.receipt.id}`}>
            receipt {data.receipt.number}
          </Link>
        </p>
      ) : null}
    </>
  );
}

import { Link } from "@remix-run/react";
import { formatMoney } from "~/lib/money";
import { PledgeStatusBadge } from "./PledgeStatusBadge";

// An organization's pledges and saved cards, on its billing page (issue 10, section 4).

type Row = {
  id: string;
  status: string;
  amountMinor: number;
  currency: string;
  method: string;
  initiativeTitle: string;
  initiativeSlug: string;
};
type Card = { id: string; brand: string; last4: string; expMonth: number; expYear: number };

export function OrganizationPledges({
  slug,
  pledges,
  cards,
}: {
  slug: string;
  pledges: Row[];
  cards: Card[];
}) {
  return (
    <section aria-labelledby="pledges" className="space-y-4">
      <h2 id="pledges">Pledges</h2>
      {pledges.length === 0 ? (
        <p className="text-sm text-muted">
          No pledges yet. <Link to="/initiatives?status=open">Initiatives open for pledges</Link> take them
          until their deadline; nothing is charged unless they are funded.
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
          {pledges.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
              <span>
                <Link to={`/orgs/${slug}/pledges/${p.id}`}>{p.initiativeTitle}</Link>{" "}
                <span className="text-muted">· {p.method === "card" ? "card" : "invoice"}</span>
              </span>
              <span className="flex items-center gap-2">
                <strong>{formatMoney({ amountMinor: p.amountMinor, currency: p.currency })}</strong>
                <PledgeStatusBadge status={p.status} />
                {p.status === "failed" ? (
                  <Link to={`/orgs/${slug}/pledges/${p.id}`} className="font-semibold text-danger-700">
                    Fix payment
                  </Link>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div>
        <h3>Saved cards</h3>
        {cards.length === 0 ? (
          <p className="text-sm text-muted">
            No saved cards. A card is saved on Stripe's page when you pledge by card.
          </p>
        ) : (
          <ul className="mt-1 list-disc pl-5 text-sm">
            {cards.map((c) => (
              <li key={c.id}>
                {c.brand} ···· {c.last4}, expires {String(c.expMonth).padStart(2, "0")}/{c.expYear}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

import { Link } from "@remix-run/react";
import { StatusBadge } from "~/components/initiatives/StatusBadge";
import { EmptyState } from "~/components/ui/EmptyState";
import { formatDay, yearOf } from "~/lib/dates";
import { formatMoney } from "~/lib/money";
import type { FundedItem } from "~/modules/credits/organization-credit.server";
import type { InitiativeStatus } from "~/modules/initiatives/values";

// Lists of an organization's credit (issue 11, section 2), grouped by year.

type Item = { slug: string; title: string; status: InitiativeStatus; on: string };

function byYear<T extends { on: string }>(items: T[]) {
  const years = new Map<string, T[]>();
  for (const item of items) {
    const year = yearOf(item.on);
    years.set(year, [...(years.get(year) ?? []), item]);
  }
  return [...years.entries()];
}

const share = (bp: number) => `${(bp / 100).toLocaleString("en", { maximumFractionDigits: 1 })}%`;

export function FundedList({ items, empty }: { items: FundedItem[]; empty: string }) {
  if (items.length === 0) return <EmptyState title={empty} />;
  return (
    <div className="space-y-4">
      {byYear(items).map(([year, rows]) => (
        <div key={year}>
          <h4 className="text-sm font-semibold text-muted">{year}</h4>
          <ul className="divide-y divide-line">
            {rows.map((f) => (
              <li key={f.slug} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <Link to={`/initiatives/${f.slug}`}>{f.title}</Link>
                  <span className="block text-muted">{formatDay(f.on)}</span>
                </span>
                <span className="flex items-center gap-3">
                  <span className="text-right">
                    {f.amountMinor !== null
                      ? formatMoney({ amountMinor: f.amountMinor, currency: f.currency })
                      : "Amount not shown"}
                    {f.shareBp !== null ? (
                      <span className="block text-xs text-muted">{share(f.shareBp)} of the money</span>
                    ) : null}
                  </span>
                  <StatusBadge status={f.status} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

export function InitiativeYearList({ items, empty }: { items: Item[]; empty: string }) {
  if (items.length === 0) return <EmptyState title={empty} />;
  return (
    <div className="space-y-4">
      {byYear(items).map(([year, rows]) => (
        <div key={year}>
          <h3 className="text-sm font-semibold text-muted">{year}</h3>
          <ul className="divide-y divide-line">
            {rows.map((i) => (
              <li key={i.slug} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <Link to={`/initiatives/${i.slug}`}>{i.title}</Link>
                <StatusBadge status={i.status} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LineChart } from "~/components/credits/LineChart";
import { EmptyState } from "~/components/ui/EmptyState";
import { Pagination } from "~/components/ui/Pagination";
import { formatMoney } from "~/lib/money";
import { formatCount } from "~/lib/numbers";
import { appUrlOf, socialMeta } from "~/lib/social-meta";
import { memoized } from "~/modules/credits/memo.server";
import { FUNDERS_PAGE_SIZE, fundersTable, networkSeries } from "~/modules/credits/network.server";
import { db } from "~/modules/database.server";

// The network credits page (issue 11, section 2): what the network did together, over
// time, and who funded it.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  socialMeta(
    {
      title: "Network credits · Commons",
      description: data
        ? `${formatMoney({ amountMinor: data.totals.raisedMinor, currency: data.totals.currency })} raised, ${data.totals.funded} initiatives funded, running on ${data.totals.hubs} hubs.`
        : "What the network funded together.",
      path: "/credits",
    },
    appUrlOf(matches),
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const page = Math.max(1, Math.min(10_000, Number(new URL(request.url).searchParams.get("page")) || 1));
  // The network's figures change slowly and cost a scan of every pledge: a minute's memory.
  const { totals, series } = await memoized("network-series", 60_000, () => networkSeries(db()));
  const funders = await memoized(`funders:${totals.currency}:${page}`, 60_000, () =>
    fundersTable(db(), totals.currency, page),
  );
  return {
    totals,
    series,
    funders: funders.funders,
    total: funders.total,
    page,
    pageSize: FUNDERS_PAGE_SIZE,
  };
}

export default function Credits() {
  const { totals, series, funders, total, page, pageSize } = useLoaderData<typeof loader>();
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor: Math.round(amountMinor), currency: totals.currency });
  const count = (v: number) => formatCount(Math.round(v));
  const months = series.map((s) => s.month);
  const figures: [string, string][] = [
    ["Raised", money(totals.raisedMinor)],
    ["Matched", money(totals.matchedMinor)],
    ["Initiatives funded", count(totals.funded)],
    ["Delivered", count(totals.delivered)],
    ["Communities", count(totals.communities)],
    ["Institutions", count(totals.institutions)],
    ["Hubs reached", count(totals.hubs)],
    ["Users reached", count(totals.users)],
  ];
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1>Network credits</h1>
        <p className="max-w-prose text-muted">
          What the network's communities and institutions funded together, what it produced, and whom it
          reaches. Anonymous pledges count in the totals and are never named.
        </p>
      </header>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {figures.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-line bg-paper p-4">
            <dt className="text-sm text-muted">{label}</dt>
            <dd className="text-xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-8 lg:grid-cols-2">
        <LineChart
          id="money"
          title={`Raised and matched (${totals.currency})`}
          months={months}
          format={money}
          series={[
            { label: "Raised", values: series.map((s) => s.raisedMinor), className: "stroke-brand-700" },
            { label: "Matched", values: series.map((s) => s.matchedMinor), className: "stroke-success-700" },
          ]}
        />
        <LineChart
          id="initiatives"
          title="Initiatives funded and delivered"
          months={months}
          format={count}
          series={[
            { label: "Funded", values: series.map((s) => s.funded), className: "stroke-brand-700" },
            { label: "Delivered", values: series.map((s) => s.delivered), className: "stroke-success-700" },
          ]}
        />
        <LineChart
          id="organizations"
          title="Communities and institutions involved"
          months={months}
          format={count}
          series={[
            { label: "Communities", values: series.map((s) => s.communities), className: "stroke-brand-700" },
            {
              label: "Institutions",
              values: series.map((s) => s.institutions),
              className: "stroke-warning-800",
            },
          ]}
        />
        <LineChart
          id="hubs"
          title="Hubs running funded work"
          months={months}
          format={count}
          series={[{ label: "Hubs", values: series.map((s) => s.hubs), className: "stroke-brand-700" }]}
        />
        <LineChart
          id="users"
          title="Users reached"
          months={months}
          format={count}
          series={[{ label: "Users", values: series.map((s) => s.users), className: "stroke-success-700" }]}
        />
      </div>
      <section aria-labelledby="funders" className="space-y-3">
        <h2 id="funders">Funders</h2>
        {funders.length === 0 ? (
          <EmptyState title="No collected pledges yet" />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Funders by the total they chose to show</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="py-2 pr-4">
                    Rank
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Funder
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    Total
                  </th>
                  <th scope="col" className="py-2 text-right">
                    Initiatives
                  </th>
                </tr>
              </thead>
              <tbody>
                {funders.map((f) => (
                  <tr key={f.slug} className="border-b border-line">
                    <td className="py-2 pr-4 tabular-nums">{f.rank}</td>
                    <td className="py-2 pr-4">
                      <span className="flex items-center gap-2">
                        {f.logoUrl ? (
                          <img
                            src={f.logoUrl}
                            alt=""
                            width={24}
                            height={24}
                            loading="lazy"
                            className="size-6 rounded object-contain"
                          />
                        ) : null}
                        <Link to={`/members/${f.slug}`}>{f.name}</Link>
                      </span>
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">
                      {money(f.totalMinor)}
                      {f.undisclosed ? (
                        <span className="block text-xs text-muted">and undisclosed amounts</span>
                      ) : null}
                    </td>
                    <td className="py-2 text-right tabular-nums">{f.initiatives}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pageSize={pageSize} total={total} />
      </section>
    </div>
  );
}

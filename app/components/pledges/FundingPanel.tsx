import { Link } from "@remix-run/react";
import { formatDay } from "~/lib/dates";
import { formatMoney } from "~/lib/money";
import type { Funders } from "~/modules/pledges/funding.server";

// The funding box of an initiative page (issue 10, section 4): pledged and matched
// against the goal, organizations against the minimum, time left; after funding,
// collected, in collection, dropped and matched as figures of their own.

type Summary = {
  goalMinor: number;
  currency: string;
  pledgedMinor: number;
  organizations: number;
  minOrganizations: number;
  deadline: string | Date | null;
  matchMinor: number;
  matchIsEstimate: boolean;
  figures: { collected: number; inCollection: number; dropped: number; refunded: number } | null;
};

const percent = (value: number, max: number) =>
  max > 0 ? Math.min(100, Math.floor((value * 100) / max)) : 0;

export function timeLeft(deadline: string | Date | null, now = Date.now()) {
  if (!deadline) return null;
  const ms = new Date(deadline).getTime() - now;
  if (ms <= 0) return "closed";
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 48) return `${hours} ${hours === 1 ? "hour" : "hours"} left`;
  return `${Math.floor(hours / 24)} days left`;
}

/** A catalog row's pledging progress (the catalog and the home page). */
export function CatalogRowProgress({
  row,
}: {
  row: {
    goalMinor: number;
    currency: string;
    pledgedMinor: number;
    pledgeOrganizations: number;
    minBackers: number | null;
    pledgeDeadline: string | Date | null;
  };
}) {
  return (
    <FundingProgress
      compact
      summary={{
        goalMinor: row.goalMinor,
        currency: row.currency,
        pledgedMinor: row.pledgedMinor,
        organizations: row.pledgeOrganizations,
        minOrganizations: row.minBackers ?? 0,
        deadline: row.pledgeDeadline,
        matchMinor: 0,
        matchIsEstimate: false,
        figures: null,
      }}
    />
  );
}

export function FundingProgress({ summary, compact = false }: { summary: Summary; compact?: boolean }) {
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: summary.currency });
  const pledged = percent(summary.pledgedMinor, summary.goalMinor);
  const matched = Math.min(100 - pledged, percent(summary.matchMinor, summary.goalMinor));
  const total = summary.pledgedMinor + summary.matchMinor;
  const label = `${money(total)} of ${money(summary.goalMinor)} goal (${percent(total, summary.goalMinor)}%)`;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label="Funding"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent(total, summary.goalMinor)}
        aria-valuetext={label}
        className="flex h-2.5 w-full overflow-hidden rounded-full bg-brand-100"
      >
        {/* SVG, not style widths: the strict CSP allows no inline styles (issue 11's Lighthouse run found it). */}
        <svg
          className="block h-full w-full"
          viewBox="0 0 100 10"
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          <rect width={pledged} height="10" className="fill-brand-700" />
          <rect x={pledged} width={matched} height="10" className="fill-success-700" />
        </svg>
      </div>
      <p className={compact ? "text-xs text-muted" : "text-sm"}>
        <strong>{money(summary.pledgedMinor)}</strong> pledged
        {summary.matchMinor > 0 ? (
          <>
            {" "}
            + <strong>{money(summary.matchMinor)}</strong> matched
            {summary.matchIsEstimate ? " (estimate)" : ""}
          </>
        ) : null}{" "}
        of {money(summary.goalMinor)} · {summary.organizations} of {summary.minOrganizations} organizations
        {summary.deadline && !summary.figures ? <> · {timeLeft(summary.deadline)}</> : null}
      </p>
    </div>
  );
}

export function FundingPanel({
  summary,
  status,
  pledgeHref,
  pledgeLabel,
}: {
  summary: Summary;
  status: string;
  pledgeHref: string | null;
  pledgeLabel: string;
}) {
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: summary.currency });
  return (
    <section aria-labelledby="funding" className="space-y-3 rounded-lg border border-line bg-paper p-4">
      <h2 id="funding" className="text-lg">
        Funding
      </h2>
      <FundingProgress summary={summary} />
      {summary.figures ? (
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
          {(
            [
              ["Collected", summary.figures.collected],
              ["In collection", summary.figures.inCollection],
              ["Dropped", summary.figures.dropped],
              ["Matched", summary.matchMinor],
              ["Refunded", summary.figures.refunded],
            ] as const
          ).map(([label, value]) => (
            <div key={label}>
              <dt className="text-muted">{label}</dt>
              <dd className="font-semibold">{money(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {status === "open" ? (
        <>
          <p className="text-sm text-muted">
            All or nothing: pledges are charged only if pledges plus matching reach the goal from at least{" "}
            {summary.minOrganizations} organizations by the deadline. Matching counts toward the goal, not
            toward the organizations.
          </p>
          {pledgeHref ? (
            <Link
              to={pledgeHref}
              className="inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white no-underline"
            >
              {pledgeLabel}
            </Link>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

const share = (bp: number) => `${(bp / 100).toLocaleString("en", { maximumFractionDigits: 1 })}%`;

export function FundersList({ funders, currency }: { funders: Funders; currency: string }) {
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency });
  const total = funders.named.length + funders.anonymous.count;
  return (
    <section aria-labelledby="funders" className="space-y-3">
      <h2 id="funders">Funders</h2>
      {total === 0 ? (
        <p className="text-sm text-muted">
          No pledges yet. The first organization to pledge starts the count.
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
          {funders.named.map((f) => (
            <li key={f.slug} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
              <span className="flex items-center gap-3">
                {f.logoUrl ? (
                  <img
                    src={f.logoUrl}
                    alt=""
                    width={32}
                    height={32}
                    loading="lazy"
                    className="size-8 rounded object-contain"
                  />
                ) : null}
                <span>
                  <Link to={`/members/${f.slug}`}>{f.name}</Link>
                  <span className="block text-xs text-muted">{formatDay(f.on)}</span>
                  {f.message ? <span className="block text-muted">“{f.message}”</span> : null}
                </span>
              </span>
              <span className="text-right">
                <span className="block font-semibold">
                  {f.amountMinor === null ? "Amount not shown" : money(f.amountMinor)}
                </span>
                {f.shareBp !== null ? (
                  <span className="block text-xs text-muted">
                    {share(f.shareBp)} of the money
                    {f.matchShareBp !== null ? ` · ${share(f.matchShareBp)} of the match` : ""}
                  </span>
                ) : null}
              </span>
            </li>
          ))}
          {funders.anonymous.count > 0 ? (
            <li className="flex justify-between p-3 text-sm">
              <span>
                {funders.anonymous.count} anonymous{" "}
                {funders.anonymous.count === 1 ? "organization" : "organizations"}
              </span>
              <span className="text-right font-semibold">
                {funders.anonymous.undisclosed < funders.anonymous.count
                  ? money(funders.anonymous.amountMinor)
                  : null}
                {funders.anonymous.undisclosed > 0 ? (
                  <span className="block text-xs font-normal text-muted">
                    {funders.anonymous.undisclosed === funders.anonymous.count
                      ? "Amount not shown"
                      : "and undisclosed amounts"}
                  </span>
                ) : null}
              </span>
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

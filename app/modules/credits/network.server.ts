import { sql } from "drizzle-orm";
import type { Db } from "#db/client.server";

// The network credits page (issue 11, section 2): what the network raised, matched,
// funded and delivered, who took part and whom it reached, each over time; and the
// funders table. Everything is summed in SQL; anonymous pledges count in totals and
// never appear by name; hidden amounts never reach a funder's public total.

export type NetworkTotals = {
  currency: string;
  raisedMinor: number;
  matchedMinor: number;
  funded: number;
  delivered: number;
  communities: number;
  institutions: number;
  hubs: number;
  users: number;
};

export type SeriesPoint = { month: string } & Omit<NetworkTotals, "currency">;

/**
 * Month by month, cumulative, from the first month with activity (at most `months` back). The money series are in
 * the network's main currency (the one most was raised in).
 */
export async function networkSeries(
  db: Db,
  months = 24,
): Promise<{ totals: NetworkTotals; series: SeriesPoint[] }> {
  const [currencyRow] = (await db.execute(sql`
    select currency from pledges where status = 'paid' group by currency order by sum(amount_minor) desc limit 1`)) as unknown as {
    currency: string;
  }[];
  const currency = currencyRow?.currency ?? "USD";
  // One pass per measure: (measure, month, amount) events, folded into cumulative
  // months here; anything before the window counts in its first month.
  const events = (await db.execute(sql`
    with involvement as (
      select organization_id, min(at) as since from (
        select organization_id, coalesce(committed_at, created_at) as at from pledges
         where status in ('committed', 'collecting', 'paid', 'failed', 'refunded')
        union all
        select e.organization_id, e.created_at from endorsements e
          join initiatives i on i.id = e.initiative_id
         where e.withdrawn_at is null and i.review_started_at is not null
        union all
        select organization_id, review_started_at from initiatives where review_started_at is not null
      ) x group by organization_id
    ),
    reach as (
      select r.hub_id, min(coalesce(r.verified_at, r.reported_on::timestamptz, r.created_at)) as since,
             max(h.user_count) as users
        from rollouts r join hubs h on h.id = r.hub_id and h.status = 'active'
       group by r.hub_id
    )
    select 'raisedMinor' as measure, date_trunc('month', paid_at) as month, sum(amount_minor)::bigint as amount
      from pledges where status = 'paid' and currency = ${currency} group by 2
    union all
    select 'matchedMinor', date_trunc('month', funded_at), sum(coalesce(matched_minor, 0))::bigint
      from initiatives where funded_at is not null and currency = ${currency} group by 2
    union all
    select 'funded', date_trunc('month', funded_at), count(*) from initiatives where funded_at is not null group by 2
    union all
    select 'delivered', date_trunc('month', created_at), count(*) from delivery_reports where outcome = 'delivered' group by 2
    union all
    select case o.kind when 'community' then 'communities' else 'institutions' end, date_trunc('month', v.since), count(*)
      from involvement v join organizations o on o.id = v.organization_id group by 1, 2
    union all
    select 'hubs', date_trunc('month', since), count(*) from reach group by 2
    union all
    select 'users', date_trunc('month', since), coalesce(sum(users), 0) from reach group by 2`)) as unknown as {
    measure: Exclude<keyof SeriesPoint, "month">;
    month: Date | string;
    amount: string | number;
  }[];
  // From the first month with anything to show (at least 6, at most `months` back).
  const now = new Date();
  const first = events.reduce((min, e) => Math.min(min, new Date(e.month).getTime()), now.getTime());
  const firstDate = new Date(first);
  const span =
    (now.getUTCFullYear() - firstDate.getUTCFullYear()) * 12 +
    now.getUTCMonth() -
    firstDate.getUTCMonth() +
    1;
  const shown = Math.min(months, Math.max(6, span));
  const monthKeys: string[] = [];
  for (let i = shown - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    monthKeys.push(d.toISOString().slice(0, 7));
  }
  const zero = (): Omit<SeriesPoint, "month"> => ({
    raisedMinor: 0,
    matchedMinor: 0,
    funded: 0,
    delivered: 0,
    communities: 0,
    institutions: 0,
    hubs: 0,
    users: 0,
  });
  const added = new Map(monthKeys.map((m) => [m, zero()]));
  for (const event of events) {
    const key = new Date(event.month).toISOString().slice(0, 7);
    const bucket = added.get(key < monthKeys[0]! ? monthKeys[0]! : key);
    if (bucket) bucket[event.measure] += Number(event.amount);
  }
  const running = zero();
  const series: SeriesPoint[] = monthKeys.map((month) => {
    const step = added.get(month)!;
    for (const key of Object.keys(running) as (keyof typeof running)[]) running[key] += step[key];
    return { month, ...running };
  });
  const last = series.at(-1);
  const totals: NetworkTotals = {
    currency,
    raisedMinor: last?.raisedMinor ?? 0,
    matchedMinor: last?.matchedMinor ?? 0,
    funded: last?.funded ?? 0,
    delivered: last?.delivered ?? 0,
    communities: last?.communities ?? 0,
    institutions: last?.institutions ?? 0,
    hubs: last?.hubs ?? 0,
    users: last?.users ?? 0,
  };
  return { totals, series };
}

export type FunderRow = {
  rank: number;
  name: string;
  slug: string;
  logoUrl: string | null;
  totalMinor: number;
  /** Some of its pledges hide their amount: the total is what it chose to show. */
  undisclosed: boolean;
  initiatives: number;
};

export const FUNDERS_PAGE_SIZE = 50;

/** Named funders of paid pledges, by the total they chose to show; ties share a rank. */
export async function fundersTable(db: Db, currency: string, page: number) {
  const offset = (page - 1) * FUNDERS_PAGE_SIZE;
  const rows = (await db.execute(sql`
    with named as (
      select p.organization_id,
             coalesce(sum(p.amount_minor) filter (where p.show_amount), 0)::bigint as total,
             bool_or(not p.show_amount) as undisclosed,
             count(distinct p.initiative_id)::int as initiatives
        from pledges p join organizations o on o.id = p.organization_id and o.is_public
       where p.status = 'paid' and p.show_name and p.currency = ${currency}
       group by p.organization_id
    )
    select rank() over (order by n.total desc)::int as rank, o.name, o.slug, o.logo_url,
           n.total, n.undisclosed, n.initiatives, count(*) over ()::int as total_rows
      from named n join organizations o on o.id = n.organization_id
     order by n.total desc, o.name
     limit ${FUNDERS_PAGE_SIZE} offset ${offset}`)) as unknown as {
    rank: number;
    name: string;
    slug: string;
    logo_url: string | null;
    total: string | number;
    undisclosed: boolean;
    initiatives: number;
    total_rows: number;
  }[];
  return {
    funders: rows.map(
      (r): FunderRow => ({
        rank: r.rank,
        name: r.name,
        slug: r.slug,
        logoUrl: r.logo_url,
        totalMinor: Number(r.total),
        undisclosed: r.undisclosed,
        initiatives: r.initiatives,
      }),
    ),
    total: rows[0]?.total_rows ?? 0,
  };
}

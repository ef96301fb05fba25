import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CatalogRowProgress } from "~/components/pledges/FundingPanel";
import { ButtonLink } from "~/components/ui/Button";
import { formatCount } from "~/lib/numbers";
import { db } from "~/modules/database.server";
import { listCatalog } from "~/modules/initiatives/catalog.server";
import { networkStats } from "~/modules/organizations/directory.server";

export const meta: MetaFunction = () => [
  { title: "Commons · co-funding for community-run research hubs" },
  {
    name: "description",
    content: "Institutions and communities pool money to improve the open tools their hubs run on.",
  },
];

export async function loader() {
  // What the network is funding now (issue 13, item 10): the open initiatives closing soonest.
  const [stats, open] = await Promise.all([
    networkStats(db()),
    listCatalog(db(), { sort: "deadline", status: "open" }, 1),
  ]);
  return { stats, featured: open.rows.slice(0, 3) };
}

export default function Home() {
  const { stats, featured } = useLoaderData<typeof loader>();
  const figures = [
    { label: "Member institutions", value: stats.institutions },
    { label: "Member communities", value: stats.communities },
    { label: "Participating organizations", value: stats.participating },
    { label: "Active hubs", value: stats.hubs },
    { label: "Hub users reported", value: stats.users },
  ];
  return (
    <div className="space-y-12">
      <section className="max-w-3xl">
        <h1 className="text-3xl sm:text-4xl">Shared hubs, shared improvements.</h1>
        <p className="mt-4 text-lg text-muted">
          Commons is where institutions and communities in our network of community-run JupyterHubs become
          members, propose improvements to the open tools they all use, and fund them together. Every decision
          comes with a public rationale, and every contribution is credited.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <ButtonLink to="/membership">Become a member</ButtonLink>
          <ButtonLink to="/members" variant="secondary">
            Meet the members
          </ButtonLink>
        </div>
      </section>
      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading">The network today</h2>
        <dl className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-5">
          {figures.map((f) => (
            <div key={f.label} className="rounded-lg border border-line bg-paper p-4">
              <dt className="text-sm text-muted">{f.label}</dt>
              <dd className="mt-1 text-2xl font-bold">{formatCount(f.value)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {featured.length > 0 ? (
        <section aria-labelledby="featured-heading" className="space-y-4">
          <h2 id="featured-heading">Open for pledges now</h2>
          <ul className="grid gap-4 md:grid-cols-3">
            {featured.map((row) => (
              <li key={row.id} className="flex flex-col gap-2 rounded-lg border border-line bg-paper p-5">
                <h3 className="text-base">
                  <Link to={`/initiatives/${row.slug}`}>{row.title}</Link>
                </h3>
                <p className="text-sm text-muted">Proposed by {row.organizationName}</p>
                {row.goalMinor ? <CatalogRowProgress row={{ ...row, goalMinor: row.goalMinor }} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="grid gap-6 md:grid-cols-3">
        {[
          [
            "Many, not one",
            "An improvement is built only when several communities back it, so it helps the whole network.",
          ],
          [
            "Decided in public",
            "Staff weigh each proposal's leverage and publish the rationale for every decision.",
          ],
          [
            "Credit where due",
            "Every funder and endorser is credited, and you can see which hubs run the result.",
          ],
        ].map(([title, body]) => (
          <div key={title}>
            <h3>{title}</h3>
            <p className="mt-1 text-sm text-muted">{body}</p>
          </div>
        ))}
      </section>
      <p className="text-sm">
        <Link to="/initiatives">Browse initiatives</Link>
      </p>
    </div>
  );
}

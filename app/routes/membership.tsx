import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TierCard } from "~/components/memberships/TierCard";
import { ButtonLink } from "~/components/ui/Button";
import { EmptyState } from "~/components/ui/EmptyState";
import { getViewer } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { listActiveTiers } from "~/modules/memberships/tiers.server";
import { listOrganizationsOf } from "~/modules/organizations/organizations.server";

export const meta: MetaFunction = () => [
  { title: "Membership · Commons" },
  {
    name: "description",
    content: "Membership tiers for institutions and communities running hubs in the network.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const [tiers, organizations] = await Promise.all([
    listActiveTiers(db()),
    viewer ? listOrganizationsOf(db(), viewer.id) : Promise.resolve([]),
  ]);
  const adminOf = organizations.filter((o) => o.role !== "member");
  return {
    tiers,
    signedIn: Boolean(viewer),
    adminCount: adminOf.length,
  };
}

export default function Membership() {
  const { tiers, signedIn, adminCount } = useLoaderData<typeof loader>();
  // The join step keeps the tier through sign-up and organization creation (issue 13, item 1).
  const joinHref = (tierId: string) => `/membership/join?tier=${tierId}`;
  return (
    <div className="space-y-8">
      <div className="max-w-3xl">
        <h1>Membership</h1>
        <p className="mt-2 text-muted">
          Members get the managed hub service for their hubs and a say in the network's roadmap. Institutions
          pay yearly by card or by invoice; communities that cannot pay can apply for a subsidised membership.
        </p>
      </div>
      {tiers.length === 0 ? (
        <EmptyState title="Membership tiers are not published yet">
          Staff are preparing the tiers; check back soon.
        </EmptyState>
      ) : (
        // Four tiers make a 2 × 2 grid rather than three and an orphan (issue 13, item 10).
        <ul
          aria-label="Membership tiers"
          className={`grid gap-4 md:grid-cols-2 ${tiers.length % 3 === 1 && tiers.length % 2 === 0 ? "" : "lg:grid-cols-3"}`}
        >
          {tiers.map((tier) => (
            <li key={tier.id} className="flex">
              <div className="w-full">
                <TierCard
                  tier={tier}
                  action={
                    <ButtonLink
                      to={joinHref(tier.id)}
                      className="w-full"
                      aria-label={`${tier.isSubsidised ? "Apply for" : "Join at"} ${tier.name}`}
                    >
                      {tier.isSubsidised ? "Apply" : "Join"}
                    </ButtonLink>
                  }
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      {signedIn && adminCount === 0 ? (
        <p className="text-sm text-muted">
          To join, <Link to="/orgs/new">create your organization</Link> or ask its admin.
        </p>
      ) : null}
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { JoinSteps } from "~/components/memberships/JoinSteps";
import { getViewer, requireVerifiedUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { joinableTier, joinPath } from "~/modules/memberships/joining.server";
import { listOrganizationsOf } from "~/modules/organizations/organizations.server";

// The "Join" button of each tier (issue 13, item 1): sends the person to the next step
// with the tier kept, or asks which of their organizations joins.

export const meta: MetaFunction = () => [{ title: "Join · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const tier = await joinableTier(db(), new URL(request.url).searchParams.get("tier"));
  if (!tier) throw redirect("/membership");
  if (!(await getViewer(request)))
    throw redirect(`/signup?redirectTo=${encodeURIComponent(joinPath(tier.id))}`);
  const viewer = await requireVerifiedUser(request);
  const adminOf = (await listOrganizationsOf(db(), viewer.id)).filter((o) => o.role !== "member");
  if (adminOf.length === 0) throw redirect(`/orgs/new?tier=${tier.id}`);
  if (adminOf.length === 1) throw redirect(`/orgs/${adminOf[0]!.slug}/billing?tier=${tier.id}`);
  return { tier, organizations: adminOf.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind })) };
}

export default function Join() {
  const { tier, organizations } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <JoinSteps current={2} tierName={tier.name} />
      <h1>Which organization joins?</h1>
      <p className="text-muted">
        You are an admin of several. Choose the one that becomes a member at {tier.name}.
      </p>
      <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
        {organizations.map((o) => (
          <li key={o.slug} className="flex items-center justify-between px-4 py-3">
            <Link to={`/orgs/${o.slug}/billing?tier=${tier.id}`} className="font-medium">
              {o.name}
            </Link>
            <span className="text-sm text-muted">{o.kind}</span>
          </li>
        ))}
      </ul>
      <p className="text-sm">
        Or <Link to={`/orgs/new?tier=${tier.id}`}>create a new organization</Link> to join with.
      </p>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { StatusBadge } from "~/components/initiatives/StatusBadge";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { FundingPanel } from "~/components/pledges/FundingPanel";
import { intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { formatMajorAmount } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { collectionDetail } from "~/modules/pledges/staff.server";
import { collectionActions } from "./actions.server";
import { CloseEarlyForm } from "./CloseEarlyForm";
import { MatchingRuleForm } from "./MatchingRuleForm";
import { MinimumPledgeForm } from "./MinimumPledgeForm";
import { PledgeTable } from "./PledgeTable";
import { useCollectionPage } from "./page";

// Staff: one initiative's pledges and collection (issue 10, section 4): every pledge
// with its organization (anonymous ones too), each attempt with Stripe's codes,
// retries due, dropped pledges; the matching rule; closing early once the rule holds.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.initiative.title ?? "Collection"} · Staff · Commons` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const detail = await handleDomainErrors(() => collectionDetail(db(), params.slug ?? ""));
  const { initiative } = detail;
  return {
    initiative: {
      id: initiative.id,
      slug: initiative.slug,
      title: initiative.title,
      status: initiative.status,
      currency: initiative.currency,
      matchRule: initiative.matchRule,
      minPledge: formatMajorAmount(initiative.minPledgeMinor, initiative.currency),
      matchCap: initiative.matchCapMinor
        ? formatMajorAmount(initiative.matchCapMinor, initiative.currency)
        : "",
      matchCapSharePercent: initiative.matchCapShareBp ? String(initiative.matchCapShareBp / 100) : "",
    },
    summary: detail.summary,
    pledges: detail.pledges.map(({ pledge, organizationName, organizationSlug, attempts }) => ({
      id: pledge.id,
      organizationName,
      organizationSlug,
      status: pledge.status,
      method: pledge.method,
      amountMinor: pledge.amountMinor,
      anonymous: !pledge.showName,
      attemptCount: pledge.attemptCount,
      recovery: pledge.recovery,
      declineCode: pledge.declineCode,
      adviceCode: pledge.adviceCode,
      nextRetryAt: pledge.nextRetryAt,
      windowEndsAt: pledge.windowEndsAt,
      attempts: attempts.map((a) => ({ id: a.id, at: a.createdAt, status: a.status, code: a.errorCode })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "collect");
  const { initiative } = await handleDomainErrors(() => collectionDetail(db(), params.slug ?? ""));
  const here = `/staff/collections/${initiative.slug}`;
  const formData = await request.formData();
  const intent = intentOf(formData);
  return conflictsAsFlash(here, async () => {
    if (!Object.hasOwn(collectionActions, intent)) throw new Response("Unknown action", { status: 400 });
    return collectionActions[intent as keyof typeof collectionActions]({ staff, initiative, formData, here });
  });
}

export default function CollectionPage() {
  const { data, initiative } = useCollectionPage();
  const open = initiative.status === "open";
  const holds =
    data.summary.pledgedMinor + data.summary.matchMinor >= data.summary.goalMinor &&
    data.summary.organizations >= data.summary.minOrganizations;
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff/collections">← Pledges and collections</Link>
      </p>
      <h1 className="flex flex-wrap items-center gap-3">
        <Link to={`/initiatives/${initiative.slug}`}>{initiative.title}</Link>{" "}
        <StatusBadge status={initiative.status} />
      </h1>
      <FundingPanel summary={data.summary} status={initiative.status} pledgeHref={null} pledgeLabel="" />
      {open ? (
        <>
          <section aria-labelledby="matching" className="space-y-3">
            <h2 id="matching">Matching rule</h2>
            <MatchingRuleForm />
          </section>
          <section aria-labelledby="minimum" className="space-y-3">
            <h2 id="minimum">Smallest pledge</h2>
            <MinimumPledgeForm />
          </section>
          <section aria-labelledby="close" className="space-y-3">
            <h2 id="close">Close early</h2>
            {holds ? (
              <CloseEarlyForm />
            ) : (
              <p className="text-sm text-muted">
                The funding rule does not hold yet; it closes by itself at the deadline (funded or expired).
              </p>
            )}
          </section>
        </>
      ) : null}
      <PledgeTable />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

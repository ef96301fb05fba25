import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DeliverySection } from "~/components/delivery/DeliverySection";
import { Endorsements } from "~/components/initiatives/Endorsements";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { FundersList } from "~/components/pledges/FundingPanel";
import { intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { formatMoney } from "~/lib/money";
import { appUrlOf, socialMeta } from "~/lib/social-meta";
import { requireVerifiedUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";
import { ENDORSABLE_STATUSES } from "~/modules/initiatives/workflow";
import {
  endorse,
  type FormAnswer,
  move,
  postUpdate,
  reportHubRollout,
  withdrawEndorsement,
  withdrawHubRollout,
} from "./actions.server";
import { DecisionTimeline } from "./DecisionTimeline";
import { InitiativeHeader } from "./InitiativeHeader";
import { ProposalSection } from "./ProposalSection";
import { initiativePage } from "./page.server";
import { UpdatesSection } from "./UpdatesSection";

// An initiative's public page: the proposal, its funding, delivery, backing, decisions
// and updates. Sections are in this folder; each form's intent has its own action.

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? socialMeta(
        {
          title: `${data.initiative.title} · Commons`,
          description: data.initiative.summary,
          path: `/initiatives/${data.initiative.slug}`,
          image: `/initiatives/${data.initiative.slug}/og.png`,
        },
        appUrlOf(matches),
      )
    : [{ title: "Initiative · Commons" }];

export function loader(args: LoaderFunctionArgs) {
  return initiativePage(args);
}

export type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

const intents: Record<string, typeof endorse> = {
  endorse,
  "withdraw-endorsement": withdrawEndorsement,
  "post-update": postUpdate,
  "report-rollout": reportHubRollout,
  "withdraw-rollout": withdrawHubRollout,
  move,
};

export async function action({ request, params }: ActionFunctionArgs): Promise<FormAnswer> {
  const viewer = await requireVerifiedUser(request);
  const access = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const here = `/initiatives/${access.initiative.slug}`;
  const formData = await request.formData();
  const run = intents[intentOf(formData)];
  if (!run) throw new Response("Unknown action", { status: 400 });
  return (await conflictsAsFlash(here, () => run({ viewer, access, here, formData }))) as FormAnswer;
}

export default function InitiativePage() {
  const data = useLoaderData<typeof loader>();
  const { initiative, details } = data;
  const reply = useActionData<typeof action>();
  const replyFor = (intent: string, organizationId?: string) =>
    reply?.initialValue?.intent === intent &&
    (!organizationId || reply.initialValue?.organizationId === organizationId)
      ? reply
      : undefined;
  const busy = useNavigation().state === "submitting";
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: initiative.currency });

  return (
    <article className="space-y-8">
      <InitiativeHeader data={data} busy={busy} />
      <ProposalSection data={data} />

      {data.ownPledges.length > 0 ? (
        <section aria-labelledby="your-pledges" className="space-y-2 text-sm">
          <h2 id="your-pledges">Your organizations' pledges</h2>
          <ul className="list-disc pl-5">
            {data.ownPledges.map((p) => (
              <li key={p.href}>
                <Link to={p.href}>
                  {p.organizationName}: {money(p.amountMinor)}, {p.status}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.funders ? <FundersList funders={data.funders} currency={initiative.currency} /> : null}

      {data.delivery ? (
        <DeliverySection
          slug={initiative.slug}
          delivery={data.delivery}
          canRecord={data.canRecordDelivery}
          lastResult={replyFor("report-rollout")}
          busy={busy}
        />
      ) : null}

      <Endorsements
        endorsements={details.endorsements}
        choices={data.choices}
        signedIn={data.signedIn}
        endorsable={ENDORSABLE_STATUSES.includes(initiative.status)}
        slug={initiative.slug}
        replyFor={(organizationId) => replyFor("endorse", organizationId)}
        busy={busy}
      />

      <DecisionTimeline timeline={details.timeline} />

      <UpdatesSection
        updates={details.updates}
        canPost={data.canPostUpdate}
        lastResult={replyFor("post-update")}
        busy={busy}
      />
    </article>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

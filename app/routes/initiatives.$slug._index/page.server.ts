import type { LoaderFunctionArgs } from "@remix-run/node";
import { handleDomainErrors } from "~/lib/http.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { getViewer } from "~/modules/auth/request.server";
import { initiativeDelivery } from "~/modules/credits/initiative-credit.server";
import { db } from "~/modules/database.server";
import { mayRecordDelivery } from "~/modules/delivery/policy";
import { initiativeDetails } from "~/modules/initiatives/catalog.server";
import { endorsementChoices } from "~/modules/initiatives/endorsements.server";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";
import { proposerMayMove } from "~/modules/initiatives/policy";
import { renderProposal } from "~/modules/initiatives/proposal.server";
import { availableTransitions, ENDORSABLE_STATUSES, isPubliclyVisible } from "~/modules/initiatives/workflow";
import { fundingSummary, publicFunders } from "~/modules/pledges/funding.server";
import { pledgingOrganizations } from "~/modules/pledges/pledge-form.server";

// What the public initiative page shows this viewer (markdown rendered here, on the server).

const FUNDING_STATUSES = ["open", "funded", "in_progress", "delivered", "not_delivered", "expired"];

export async function initiativePage({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const access = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const { initiative } = access;
  const funded = initiative.goalMinor !== null && FUNDING_STATUSES.includes(initiative.status);
  const [details, choices, funding, funders, ownPledges, delivery] = await Promise.all([
    initiativeDetails(db(), access),
    viewer?.emailVerified && ENDORSABLE_STATUSES.includes(initiative.status) && isPubliclyVisible(initiative)
      ? endorsementChoices(db(), viewer.id, initiative)
      : Promise.resolve([]),
    funded ? fundingSummary(db(), initiative) : Promise.resolve(null),
    funded ? publicFunders(db(), initiative) : Promise.resolve(null),
    viewer && funded ? pledgingOrganizations(db(), viewer.id, initiative.id) : Promise.resolve([]),
    initiativeDelivery(db(), initiative, viewer?.emailVerified ? viewer.id : null),
  ]);
  return {
    initiative: {
      id: initiative.id,
      slug: initiative.slug,
      title: initiative.title,
      summary: initiative.summary,
      ...renderProposal(initiative, "_Not written yet._"),
      status: initiative.status,
      size: initiative.size,
      suggestedGoalMinor: initiative.suggestedGoalMinor,
      goalMinor: initiative.goalMinor,
      currency: initiative.currency,
      minBackers: initiative.minBackers,
      pledgeDeadline: initiative.pledgeDeadline,
      demandOrganizations: initiative.demandOrganizations,
      demandHubs: initiative.demandHubs,
      demandUsers: initiative.demandUsers,
      createdAt: initiative.createdAt,
    },
    organization: access.organization,
    delivery,
    canRecordDelivery: mayRecordDelivery(
      { isStaff: access.isStaff, proposerRole: access.role },
      initiative.status,
    ),
    funding,
    funders,
    ownPledges: ownPledges
      .filter((o) => o.pledge)
      .map((o) => ({
        organizationName: o.name,
        href: `/orgs/${o.slug}/pledges/${o.pledge!.id}`,
        status: o.pledge!.status,
        amountMinor: o.pledge!.amountMinor,
      })),
    canPledge: ownPledges.length > 0 || !viewer,
    details: { ...details, updates: details.updates.map((u) => ({ ...u, body: renderMarkdown(u.body) })) },
    choices,
    signedIn: Boolean(viewer),
    isStaff: access.isStaff,
    isProposer: access.role !== null,
    canEdit: access.canEdit,
    canPostUpdate: (access.isStaff || access.role !== null) && initiative.status !== "draft",
    proposerMoves: access.role
      ? availableTransitions(initiative.status, "proposer")
          .filter((t) => proposerMayMove(access.role, t.to))
          .map((t) => ({ to: t.to, label: t.label }))
      : [],
  };
}

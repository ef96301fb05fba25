import type { LoaderFunctionArgs } from "@remix-run/node";
import { handleDomainErrors } from "~/lib/http.server";
import { formatMajorAmount } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { backingSignals } from "~/modules/initiatives/demand.server";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";
import { CONFIRMED_DECISIONS } from "~/modules/initiatives/policy";
import { renderProposal } from "~/modules/initiatives/proposal.server";
import { listNotes, listReviews, listStaff } from "~/modules/initiatives/triage.server";
import { availableTransitions, MERGEABLE_STATUSES } from "~/modules/initiatives/workflow";

// What staff see when triaging one initiative (markdown rendered here, on the server).

export async function triagePage({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const access = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const { initiative } = access;
  const [reviews, notes, staff, backing] = await Promise.all([
    listReviews(db(), viewer, initiative.id),
    listNotes(db(), viewer, initiative.id),
    listStaff(db()),
    backingSignals(db(), initiative.id),
  ]);
  const total = (r: (typeof reviews)[number]) => r.technical + r.network + r.ecosystem + r.sustainability;
  return {
    initiative: {
      id: initiative.id,
      slug: initiative.slug,
      title: initiative.title,
      summary: initiative.summary,
      ...renderProposal(initiative, "_Not written._"),
      status: initiative.status,
      size: initiative.size,
      priority: initiative.priority,
      assigneeId: initiative.assigneeId,
      demandOrganizations: initiative.demandOrganizations,
      demandHubs: initiative.demandHubs,
      demandUsers: initiative.demandUsers,
      suggestedGoal:
        initiative.suggestedGoalMinor === null
          ? ""
          : formatMajorAmount(initiative.suggestedGoalMinor, initiative.currency),
    },
    organization: access.organization,
    moves: availableTransitions(initiative.status, "staff").map((t) => ({
      to: t.to,
      label: t.label,
      rationale: t.rationale,
      opens: Boolean(t.opensForPledges),
      confirmed: CONFIRMED_DECISIONS.includes(t.to),
    })),
    canMerge: MERGEABLE_STATUSES.includes(initiative.status),
    reviews,
    average: reviews.length
      ? Math.round((reviews.reduce((s, r) => s + total(r), 0) / reviews.length) * 10) / 10
      : null,
    mine: reviews.find((r) => r.reviewerId === viewer.id) ?? null,
    notes,
    staff,
    backing: backing.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })),
  };
}

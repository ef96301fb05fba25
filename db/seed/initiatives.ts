import { refreshDemand } from "../../app/modules/initiatives/demand.server";
import type { Db } from "../client.server";
import {
  endorsementHubs,
  endorsements,
  type InitiativeStatus,
  initiativeHubs,
  initiativeNotes,
  initiativeProjects,
  initiativeReviews,
  initiatives,
  initiativeTransitions,
  initiativeUpdates,
  upstreamProjects,
} from "../schema";
import { PROJECTS, SEEDS } from "./initiative-list";
import { PROPOSALS, UPDATES } from "./proposals";
import { REVIEWS } from "./reviews";

// About 30 initiatives across every state (issue 4, item 9), written directly so
// seeding sends no email. Each one carries the transitions that led to its state.

const PATHS: Record<InitiativeStatus, InitiativeStatus[]> = {
  draft: [],
  submitted: ["submitted"],
  in_review: ["submitted", "in_review"],
  changes_requested: ["submitted", "in_review", "changes_requested"],
  open: ["submitted", "in_review", "open"],
  funded: ["submitted", "in_review", "open", "funded"],
  in_progress: ["submitted", "in_review", "open", "funded", "in_progress"],
  delivered: ["submitted", "in_review", "open", "funded", "in_progress", "delivered"],
  not_delivered: ["submitted", "in_review", "open", "funded", "in_progress", "not_delivered"],
  declined: ["submitted", "in_review", "declined"],
  withdrawn: ["submitted", "in_review", "withdrawn"],
  expired: ["submitted", "in_review", "open", "expired"],
};

// The transitions whose rationale is a staff decision, written per initiative in reviews.ts.
const DECISIONS: InitiativeStatus[] = ["open", "declined", "changes_requested"];

const DAY = 86_400_000;
const BLANK = { problem: "", solution: "", plan: "" };

export async function seedInitiatives(
  tx: Db,
  ids: {
    organizations: Map<string, string>;
    hubsByOrganization: Map<string, { id: string }[]>;
    staff: string[];
    ownerOf: Map<string, string>;
  },
) {
  const projectIds = new Map<string, string>();
  for (const [slug, name, url] of PROJECTS) {
    const [row] = await tx.insert(upstreamProjects).values({ slug, name, url }).returning();
    projectIds.set(slug, row!.id);
  }
  const now = Date.now();
  for (const [index, seed] of SEEDS.entries()) {
    const organizationId = ids.organizations.get(seed.org)!;
    // A draft with no summary is one someone started and never wrote: it stays blank.
    const body = seed.status === "draft" && !seed.summary ? BLANK : PROPOSALS[seed.title];
    if (!body) throw new Error(`db/seed/proposals.ts has no text for "${seed.title}"`);
    const path = PATHS[seed.status];
    const start = now - (90 - index * 2) * DAY;
    const slug = seed.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    const opened = path.includes("open");
    const deadline = seed.status === "expired" ? new Date(now - 5 * DAY) : new Date(now + (30 + index) * DAY);
    const reviewedAt = path.includes("in_review") && !seed.beforeReview ? new Date(start + 3 * DAY) : null;
    const [initiative] = await tx
      .insert(initiatives)
      .values({
        slug,
        organizationId,
        createdById: ids.ownerOf.get(seed.org) ?? null,
        title: seed.title,
        summary: seed.summary,
        ...body,
        size: seed.size,
        suggestedGoalMinor: seed.goal ? seed.goal * 100 : null,
        status: seed.status,
        goalMinor: opened && seed.goal ? seed.goal * 100 : null,
        minBackers: opened ? Math.min(3, seed.endorsers.length + 1) : null,
        pledgeDeadline: opened ? deadline : null,
        reviewStartedAt: reviewedAt,
        submittedAt: path.length > 0 ? new Date(start + DAY) : null,
        statusChangedAt: new Date(start + path.length * 4 * DAY),
        assigneeId: ["submitted", "in_review", "changes_requested"].includes(seed.status)
          ? (ids.staff[index % ids.staff.length] ?? null)
          : null,
        priority: index % 5 === 0 ? "high" : "normal",
        createdAt: new Date(start),
        updatedAt: new Date(start + path.length * 4 * DAY),
      })
      .returning();
    const id = initiative!.id;
    const steps = (seed.beforeReview ? ["submitted", "declined"] : path) as InitiativeStatus[];
    const review = REVIEWS[seed.title] ?? {};
    if (steps.some((to) => DECISIONS.includes(to)) && !review.rationale)
      throw new Error(`db/seed/reviews.ts has no decision rationale for "${seed.title}"`);
    if (reviewedAt && !review.staffNote)
      throw new Error(`db/seed/reviews.ts has no staff note for "${seed.title}"`);
    for (const endorser of Object.keys(review.endorsementNotes ?? {}))
      if (!seed.endorsers.includes(endorser))
        throw new Error(
          `db/seed/reviews.ts has a note from "${endorser}", which does not endorse "${seed.title}"`,
        );
    let from: InitiativeStatus = "draft";
    for (const [step, to] of steps.entries()) {
      await tx.insert(initiativeTransitions).values({
        initiativeId: id,
        actorId:
          to === "submitted" || to === "withdrawn" ? (ids.ownerOf.get(seed.org) ?? null) : ids.staff[0]!,
        fromStatus: from,
        toStatus: to,
        rationale: DECISIONS.includes(to) ? review.rationale! : "",
        isPublic: !["submitted", "changes_requested"].includes(to),
        createdAt: new Date(start + (step + 1) * 4 * DAY),
      });
      from = to;
    }
    for (const project of seed.projects)
      await tx.insert(initiativeProjects).values({ initiativeId: id, projectId: projectIds.get(project)! });
    const ownHubs = ids.hubsByOrganization.get(seed.org) ?? [];
    for (const hub of ownHubs.slice(0, 2))
      await tx.insert(initiativeHubs).values({ initiativeId: id, hubId: hub.id });
    for (const endorser of seed.endorsers) {
      const [endorsement] = await tx
        .insert(endorsements)
        .values({
          initiativeId: id,
          organizationId: ids.organizations.get(endorser)!,
          endorsedById: ids.ownerOf.get(endorser) ?? null,
          note: review.endorsementNotes?.[endorser] ?? "",
          createdAt: new Date(start + 6 * DAY),
        })
        .returning();
      for (const hub of (ids.hubsByOrganization.get(endorser) ?? []).slice(0, 2))
        await tx.insert(endorsementHubs).values({ endorsementId: endorsement!.id, hubId: hub.id });
    }
    if (reviewedAt) {
      for (const [n, reviewerId] of ids.staff.entries()) {
        await tx.insert(initiativeReviews).values({
          initiativeId: id,
          reviewerId,
          technical: (index + n) % 4,
          network: Math.min(3, seed.endorsers.length),
          ecosystem: seed.projects.length > 0 ? 2 + ((index + n) % 2) : 0,
          sustainability: (index + 2 * n) % 4,
          note: review.reviewNotes?.[n] ?? "",
        });
      }
      await tx.insert(initiativeNotes).values({
        initiativeId: id,
        authorId: ids.staff[0]!,
        body: review.staffNote!,
      });
    }
    if (["funded", "in_progress", "delivered"].includes(seed.status)) {
      const updates = UPDATES[seed.title];
      if (!updates) throw new Error(`No demo updates written for "${seed.title}"`);
      await tx.insert(initiativeUpdates).values({
        initiativeId: id,
        authorId: ids.ownerOf.get(seed.org) ?? null,
        ...updates.kickoff,
        createdAt: new Date(start + 30 * DAY),
      });
      if (seed.status !== "funded" && updates.later)
        await tx.insert(initiativeUpdates).values({
          initiativeId: id,
          authorId: ids.staff[0]!,
          ...updates.later,
          createdAt: new Date(start + 45 * DAY),
        });
    }
    await refreshDemand(tx, id);
  }
  return SEEDS.length;
}

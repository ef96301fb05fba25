import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  type InitiativeStatus,
  initiatives,
  initiativeTransitions,
  type OrganizationRole,
  organizationMembers,
  organizations,
} from "#db/schema";
import { ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from "~/lib/errors";
import { parseMajorAmount } from "~/lib/money";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueue, QUEUES } from "~/modules/jobs/boss.server";
import { enqueueNotice } from "./notices.server";
import { proposerMayMove } from "./policy";
import { submissionProblems, type TransitionForm } from "./schemas";
import {
  EDITABLE_STATUSES,
  findTransition,
  isPubliclyVisible,
  STATUS_LABELS,
  type TransitionActor,
} from "./workflow";

// Proposals and their workflow (issue 4, items 1 and 2). Who may see an initiative
// and who may move it are decided here, on the server, for every loader and action;
// writing a proposal's texts is in proposal.server.ts.

export type Initiative = typeof initiatives.$inferSelect;
export type ViewerLike = { id: string; isStaff: boolean } | null;

export type InitiativeAccess = {
  initiative: Initiative;
  organization: { id: string; slug: string; name: string; kind: "institution" | "community" };
  /** The viewer's role in the proposing organization. */
  role: OrganizationRole | null;
  isStaff: boolean;
  actors: Set<TransitionActor>;
  canEdit: boolean;
};

function accessFrom(
  initiative: Initiative,
  organization: InitiativeAccess["organization"],
  role: OrganizationRole | null,
  viewer: ViewerLike,
): InitiativeAccess {
  const actors = new Set<TransitionActor>();
  if (role) actors.add("proposer");
  if (viewer?.isStaff) actors.add("staff");
  return {
    initiative,
    organization,
    role,
    isStaff: Boolean(viewer?.isStaff),
    actors,
    canEdit: (role !== null || Boolean(viewer?.isStaff)) && EDITABLE_STATUSES.includes(initiative.status),
  };
}

/**
 * An initiative as `viewer` may see it. Private ones (drafts, submitted, declined
 * before review) answer 404 to everyone but their organization and staff.
 */
export async function loadInitiative(db: Db, slug: string, viewer: ViewerLike): Promise<InitiativeAccess> {
  const [row] = await db
    .select({
      initiative: initiatives,
      organization: {
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        kind: organizations.kind,
      },
      role: organizationMembers.role,
    })
    .from(initiatives)
    .innerJoin(organizations, eq(organizations.id, initiatives.organizationId))
    .leftJoin(
      organizationMembers,
      and(
        eq(organizationMembers.organizationId, initiatives.organizationId),
        eq(organizationMembers.userId, viewer?.id ?? "00000000-0000-0000-0000-000000000000"),
      ),
    )
    .where(eq(initiatives.slug, slug))
    .limit(1);
  if (!row) throw new NotFoundError("No such initiative.");
  const access = accessFrom(row.initiative, row.organization, row.role, viewer);
  if (!isPubliclyVisible(row.initiative) && access.actors.size === 0)
    throw new NotFoundError("No such initiative.");
  return access;
}

/** Projects counted for completeness: chosen ones plus pending suggestions. */
async function ecosystemFitCount(tx: Db, initiativeId: string) {
  const [row] = await tx.execute<{ n: number }>(sql`
    select (select count(*) from initiative_projects where initiative_id = ${initiativeId})
         + (select count(*) from project_suggestions where initiative_id = ${initiativeId} and status <> 'dismissed')
         as n`);
  return Number(row?.n ?? 0);
}

/** An initiative's row, locked for the rest of the transaction (every change to it or its totals takes this lock first). */
export async function lockInitiative(tx: Db, initiativeId: string): Promise<Initiative | null> {
  const [initiative] = await tx
    .select()
    .from(initiatives)
    .where(eq(initiatives.id, initiativeId))
    .for("update");
  return initiative ?? null;
}

export type StatusActor = { userId: string | null; isStaff: boolean; system?: boolean };
export type StatusChange = Partial<Omit<TransitionForm, "to">> & { to: InitiativeStatus };

/**
 * Moves an initiative along the workflow table, in one transaction that locks it,
 * records who, when and why, and enqueues the emails.
 */
export async function changeStatus(db: Db, actor: StatusActor, initiativeId: string, change: StatusChange) {
  return db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative) throw new NotFoundError("No such initiative.");
    const rule = findTransition(initiative.status, change.to);
    if (!rule) {
      throw new InvalidTransitionError(
        `An initiative that is ${STATUS_LABELS[initiative.status].toLowerCase()} cannot become ${STATUS_LABELS[change.to].toLowerCase()}.`,
      );
    }
    const actors = new Set<TransitionActor>();
    if (actor.system) actors.add("system");
    if (actor.isStaff) actors.add("staff");
    if (actor.userId) {
      const [membership] = await tx
        .select({ role: organizationMembers.role })
        .from(organizationMembers)
        .where(
          and(
            eq(organizationMembers.organizationId, initiative.organizationId),
            eq(organizationMembers.userId, actor.userId),
          ),
        );
      if (membership && proposerMayMove(membership.role, change.to)) actors.add("proposer");
      else if (membership && rule.by.includes("proposer") && !actors.has("staff") && !actors.has("system"))
        throw new ForbiddenError("Only an admin or owner of the proposing organization can withdraw it.");
    }
    if (!rule.by.some((who) => actors.has(who))) {
      throw new ForbiddenError(
        rule.by.includes("staff") && !rule.by.includes("proposer")
          ? "Only staff can make this decision."
          : "Only the proposing organization can do this.",
      );
    }
    const rationale = (change.rationale ?? "").trim();
    const problems: Record<string, string[]> = {};
    if (rule.rationale && rationale.length < 10)
      problems.rationale = ["Write the rationale (at least 10 characters); it is shown with the decision."];
    const opening: Partial<Initiative> = {};
    if (rule.opensForPledges) {
      const goal = change.goal ? parseMajorAmount(change.goal, initiative.currency) : null;
      if (!goal || goal <= 0) problems.goal = ["Set the funding goal."];
      if (change.minBackers === undefined || change.minBackers === "")
        problems.minBackers = ["Set the minimum number of backing organizations."];
      const deadline = change.pledgeDeadline ? new Date(`${change.pledgeDeadline}T23:59:59Z`) : null;
      if (!deadline) problems.pledgeDeadline = ["Set the pledge deadline."];
      else if (deadline.getTime() <= Date.now())
        problems.pledgeDeadline = ["The pledge deadline must be in the future."];
      if (goal && deadline && typeof change.minBackers === "number")
        Object.assign(opening, { goalMinor: goal, minBackers: change.minBackers, pledgeDeadline: deadline });
    }
    if (change.to === "submitted") {
      Object.assign(
        problems,
        submissionProblems({
          summary: initiative.summary,
          problem: initiative.problem,
          solution: initiative.solution,
          plan: initiative.plan,
          size: initiative.size ?? "",
          projectCount: await ecosystemFitCount(tx, initiative.id),
        }),
      );
    }
    if (Object.keys(problems).length > 0) throw new ValidationError(problems);
    const now = new Date();
    const [updated] = await tx
      .update(initiatives)
      .set({
        ...opening,
        status: change.to,
        statusChangedAt: now,
        updatedAt: now,
        ...(change.to === "submitted" ? { submittedAt: now } : {}),
        ...(change.to === "in_review" && !initiative.reviewStartedAt ? { reviewStartedAt: now } : {}),
      })
      .where(eq(initiatives.id, initiative.id))
      .returning();
    const [transition] = await tx
      .insert(initiativeTransitions)
      .values({
        initiativeId: initiative.id,
        actorId: actor.userId,
        fromStatus: initiative.status,
        toStatus: change.to,
        rationale,
        isPublic: rule.public,
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.userId,
      // No move leads back to draft (workflow.ts), so `to` names an audited action.
      action: `initiative.${change.to as Exclude<InitiativeStatus, "draft">}`,
      subjectType: "initiative",
      subjectId: initiative.id,
      organizationId: initiative.organizationId,
      details: {
        from: initiative.status,
        to: change.to,
        rationale,
        ...(opening.goalMinor
          ? {
              goalMinor: opening.goalMinor,
              currency: initiative.currency,
              minBackers: opening.minBackers!,
              pledgeDeadline: opening.pledgeDeadline!.toISOString(),
            }
          : {}),
      },
    });
    if (change.to === "submitted")
      await enqueueNotice(tx, { kind: "submitted", transitionId: transition!.id });
    if (change.to !== "submitted" && initiative.status !== "draft")
      await enqueueNotice(tx, { kind: "status", transitionId: transition!.id });
    // Pledges react through a job (ARCHITECTURE.md "Money paths"): collect or release.
    if (initiative.status === "open")
      await enqueue(tx, QUEUES.initiativeStatusChanged, {
        initiativeId: initiative.id,
        to: change.to,
        transitionId: transition!.id,
      });
    return updated!;
  });
}

/** What still keeps a saved proposal from being submitted, by field. */
export async function missingForSubmission(db: Db, initiative: Initiative) {
  return submissionProblems({
    summary: initiative.summary,
    problem: initiative.problem,
    solution: initiative.solution,
    plan: initiative.plan,
    size: initiative.size ?? "",
    projectCount: await ecosystemFitCount(db, initiative.id),
  });
}

import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { deliverables, deliveryReports, milestones, upstreamProjects } from "#db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { changeStatus, type InitiativeAccess } from "~/modules/initiatives/initiatives.server";
import { type DeliveryActor, mayCloseDelivery, mayRecordDelivery, mayRemoveDeliverable } from "./policy";
import { verifyRolloutsOfInitiative } from "./rollouts.server";
import type { DeliverableInput, MilestoneInput, ReportInput } from "./schemas";

// Milestones, deliverables and the final report (issue 11, section 1). Every change is
// audited; the public pages read them through credits.

type Recorder = { userId: string; isStaff: boolean };

function actorOf(access: InitiativeAccess): DeliveryActor {
  return { isStaff: access.isStaff, proposerRole: access.role };
}

function assertMayRecord(access: InitiativeAccess) {
  if (!mayRecordDelivery(actorOf(access), access.initiative.status))
    throw new ForbiddenError(
      access.isStaff || access.role
        ? "Milestones and deliverables are recorded once the initiative is funded, by staff or the proposing organization's admins."
        : "Only staff and the proposing organization's admins record the work.",
    );
}

export async function addMilestone(db: Db, access: InitiativeAccess, by: Recorder, input: MilestoneInput) {
  assertMayRecord(access);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(milestones)
      .values({ ...input, initiativeId: access.initiative.id, createdById: by.userId })
      .returning();
    await recordAudit(tx, {
      actorId: by.userId,
      action: "milestone.added",
      subjectType: "initiative",
      subjectId: access.initiative.id,
      organizationId: access.initiative.organizationId,
      details: { title: input.title, reachedOn: input.reachedOn },
    });
    return row!;
  });
}

export async function markMilestoneReached(
  db: Db,
  access: InitiativeAccess,
  by: Recorder,
  milestoneId: string,
  reachedOn: string,
) {
  assertMayRecord(access);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(milestones)
      .set({ reachedOn })
      .where(and(eq(milestones.id, milestoneId), eq(milestones.initiativeId, access.initiative.id)))
      .returning();
    if (!row) throw new NotFoundError("No such milestone on this initiative.");
    await recordAudit(tx, {
      actorId: by.userId,
      action: "milestone.reached",
      subjectType: "initiative",
      subjectId: access.initiative.id,
      organizationId: access.initiative.organizationId,
      details: { title: row.title, reachedOn },
    });
    return row;
  });
}

export async function addDeliverable(
  db: Db,
  access: InitiativeAccess,
  by: Recorder,
  input: DeliverableInput,
) {
  assertMayRecord(access);
  if (input.projectId) {
    const [project] = await db
      .select({ id: upstreamProjects.id })
      .from(upstreamProjects)
      .where(eq(upstreamProjects.id, input.projectId));
    if (!project) throw new ValidationError({ projectId: ["Choose an upstream project from the list."] });
  }
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(deliverables)
      .values({ ...input, initiativeId: access.initiative.id, createdById: by.userId })
      .returning();
    await recordAudit(tx, {
      actorId: by.userId,
      action: "deliverable.added",
      subjectType: "initiative",
      subjectId: access.initiative.id,
      organizationId: access.initiative.organizationId,
      details: { title: input.title, url: input.url, releaseVersion: input.releaseVersion },
    });
    return created!;
  });
  // A new release may already run on hubs that reported it: verify from what they last answered.
  await verifyRolloutsOfInitiative(db, access.initiative.id);
  return row;
}

export async function removeDeliverable(
  db: Db,
  access: InitiativeAccess,
  by: Recorder,
  deliverableId: string,
) {
  if (!mayRemoveDeliverable(actorOf(access)))
    throw new ForbiddenError("Only staff can remove a deliverable.");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(deliverables)
      .where(and(eq(deliverables.id, deliverableId), eq(deliverables.initiativeId, access.initiative.id)))
      .returning();
    if (!row) throw new NotFoundError("No such deliverable on this initiative.");
    await recordAudit(tx, {
      actorId: by.userId,
      action: "deliverable.removed",
      subjectType: "initiative",
      subjectId: access.initiative.id,
      organizationId: access.initiative.organizationId,
      details: { title: row.title, url: row.url, releaseVersion: row.releaseVersion },
    });
  });
}

/**
 * The final report closes the work as delivered (with at least one deliverable) or
 * not delivered (the report's account of what was not delivered is the rationale).
 * The report and the status change commit together.
 */
export async function closeDelivery(db: Db, access: InitiativeAccess, by: Recorder, report: ReportInput) {
  if (!mayCloseDelivery(actorOf(access), access.initiative.status))
    throw new ForbiddenError(
      access.isStaff
        ? "Only a funded initiative or one in progress can be closed."
        : "Only staff close an initiative's work.",
    );
  if (report.outcome === "delivered" && access.initiative.status !== "in_progress")
    throw new ValidationError({ outcome: ["Start the work before it can be marked delivered."] });
  return db.transaction(async (tx) => {
    if (report.outcome === "delivered") {
      const [row] = await tx
        .select({ n: count() })
        .from(deliverables)
        .where(eq(deliverables.initiativeId, access.initiative.id));
      if (!row || row.n === 0)
        throw new ValidationError({
          outcome: ["Record at least one deliverable before marking it delivered."],
        });
    }
    const inserted = await tx
      .insert(deliveryReports)
      .values({ ...report, initiativeId: access.initiative.id, createdById: by.userId })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new ConflictError("This initiative already has its final report.");
    return changeStatus(tx, { userId: by.userId, isStaff: by.isStaff, system: true }, access.initiative.id, {
      to: report.outcome,
      rationale: report.outcome === "delivered" ? report.delivered : report.notDelivered,
    });
  });
}

/** Milestones, deliverables (with their project) and the final report, for the pages. */
export async function deliveryRecord(db: Db, initiativeId: string) {
  const [milestoneRows, deliverableRows, [report]] = await Promise.all([
    db
      .select()
      .from(milestones)
      .where(eq(milestones.initiativeId, initiativeId))
      .orderBy(asc(milestones.createdAt)),
    db
      .select({
        id: deliverables.id,
        kind: deliverables.kind,
        title: deliverables.title,
        url: deliverables.url,
        releaseVersion: deliverables.releaseVersion,
        deliveredOn: deliverables.deliveredOn,
        projectName: upstreamProjects.name,
        projectSlug: upstreamProjects.slug,
      })
      .from(deliverables)
      .leftJoin(upstreamProjects, eq(upstreamProjects.id, deliverables.projectId))
      .where(eq(deliverables.initiativeId, initiativeId))
      .orderBy(asc(deliverables.deliveredOn), asc(deliverables.createdAt)),
    db.select().from(deliveryReports).where(eq(deliveryReports.initiativeId, initiativeId)),
  ]);
  return {
    milestones: milestoneRows.map((m) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      dueOn: m.dueOn,
      reachedOn: m.reachedOn,
    })),
    deliverables: deliverableRows,
    report: report
      ? {
          outcome: report.outcome,
          delivered: report.delivered,
          notDelivered: report.notDelivered,
          next: report.next,
          createdAt: report.createdAt,
        }
      : null,
  };
}
export type DeliveryRecord = Awaited<ReturnType<typeof deliveryRecord>>;

/** The record as pages show it: the final report's markdown rendered here, on the server. */
export function deliveryRecordForPage(record: DeliveryRecord) {
  const rendered = (text: string) => (text ? renderMarkdown(text) : null);
  return {
    ...record,
    report: record.report
      ? {
          outcome: record.report.outcome,
          delivered: rendered(record.report.delivered),
          notDelivered: rendered(record.report.notDelivered),
          next: rendered(record.report.next),
        }
      : null,
  };
}

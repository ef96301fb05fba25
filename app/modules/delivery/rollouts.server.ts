import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  deliverables,
  hubs,
  initiatives,
  organizationMembers,
  organizations,
  rollouts,
  upstreamProjects,
} from "#db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { versionIncludes } from "~/modules/hubs/hub-address";
import { checkHubBySystem } from "~/modules/hubs/hubs.server";
import { ROLLOUT_STATUSES } from "./policy";
import type { RolloutInput } from "./schemas";

// Rollouts (issue 11, section 1): a hub runs the result. Reported by the hub's
// organization; verified by Commons when the hub's own /hub/api version includes the
// JupyterHub release that contains the work (the highest such release recorded, so a
// verified hub runs all of it). Verification records when a check first saw it.

/** Upstream project whose releases the hub check can see. */
export const JUPYTERHUB_PROJECT = "jupyterhub";

type Reporter = { id: string; isStaff: boolean };

/** The JupyterHub release a hub must run for each initiative, where one was recorded. */
async function requiredReleases(db: Db, initiativeIds: string[]) {
  if (initiativeIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ initiativeId: deliverables.initiativeId, version: deliverables.releaseVersion })
    .from(deliverables)
    .innerJoin(upstreamProjects, eq(upstreamProjects.id, deliverables.projectId))
    .where(
      and(
        inArray(deliverables.initiativeId, initiativeIds),
        eq(upstreamProjects.slug, JUPYTERHUB_PROJECT),
        isNotNull(deliverables.releaseVersion),
      ),
    );
  const required = new Map<string, string>();
  for (const row of rows) {
    const current = required.get(row.initiativeId);
    if (!current || versionIncludes(row.version!, current)) required.set(row.initiativeId, row.version!);
  }
  return required;
}

/** Marks verified every reported rollout (of the given hubs or initiatives) whose hub's last seen version includes the release. */
async function verify(db: Db, where: { hubId?: string; initiativeId?: string }) {
  const pending = await db
    .select({
      id: rollouts.id,
      initiativeId: rollouts.initiativeId,
      version: hubs.jupyterhubVersion,
      seenAt: hubs.lastSeenAt,
    })
    .from(rollouts)
    .innerJoin(hubs, eq(hubs.id, rollouts.hubId))
    .where(
      and(
        eq(rollouts.status, "reported"),
        isNotNull(hubs.jupyterhubVersion),
        isNotNull(hubs.lastSeenAt),
        where.hubId ? eq(rollouts.hubId, where.hubId) : undefined,
        where.initiativeId ? eq(rollouts.initiativeId, where.initiativeId) : undefined,
      ),
    );
  const required = await requiredReleases(db, [...new Set(pending.map((p) => p.initiativeId))]);
  let verified = 0;
  for (const rollout of pending) {
    const release = required.get(rollout.initiativeId);
    if (!release || !versionIncludes(rollout.version!, release)) continue;
    const updated = await db
      .update(rollouts)
      .set({ status: "verified", verifiedAt: rollout.seenAt, verifiedVersion: rollout.version })
      .where(and(eq(rollouts.id, rollout.id), eq(rollouts.status, "reported")))
      .returning({ id: rollouts.id });
    verified += updated.length;
  }
  return verified;
}

export function verifyRolloutsOfInitiative(db: Db, initiativeId: string) {
  return verify(db, { initiativeId });
}

export function verifyRolloutsOfHub(db: Db, hubId: string) {
  return verify(db, { hubId });
}

/** The hubs `userId` may report for: active hubs of organizations where they are admin or owner. */
export async function rolloutChoices(db: Db, userId: string, initiativeId: string) {
  const rows = await db
    .select({
      hubId: hubs.id,
      hubName: hubs.name,
      organizationName: organizations.name,
      rolloutId: rollouts.id,
      status: rollouts.status,
    })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .innerJoin(hubs, and(eq(hubs.organizationId, organizations.id), eq(hubs.status, "active")))
    .leftJoin(rollouts, and(eq(rollouts.hubId, hubs.id), eq(rollouts.initiativeId, initiativeId)))
    .where(and(eq(organizationMembers.userId, userId), inArray(organizationMembers.role, ["admin", "owner"])))
    .orderBy(asc(organizations.name), asc(hubs.name));
  return rows;
}

export async function reportRollout(db: Db, reporter: Reporter, initiativeId: string, input: RolloutInput) {
  const result = await db.transaction(async (tx) => {
    const [initiative] = await tx
      .select({ status: initiatives.status })
      .from(initiatives)
      .where(eq(initiatives.id, initiativeId));
    if (!initiative) throw new NotFoundError("No such initiative.");
    if (!ROLLOUT_STATUSES.includes(initiative.status))
      throw new ConflictError("Hubs can report running the result once work is delivered.");
    const [hub] = await tx
      .select({
        id: hubs.id,
        organizationId: hubs.organizationId,
        status: hubs.status,
        role: organizationMembers.role,
      })
      .from(hubs)
      .leftJoin(
        organizationMembers,
        and(
          eq(organizationMembers.organizationId, hubs.organizationId),
          eq(organizationMembers.userId, reporter.id),
        ),
      )
      .where(eq(hubs.id, input.hubId));
    if (!hub || (!hub.role && !reporter.isStaff))
      throw new NotFoundError("No such hub among your organizations.");
    if (hub.role === "member")
      throw new ForbiddenError("Only the hub organization's admins can report a rollout.");
    if (hub.status !== "active") throw new ConflictError("A retired hub cannot report a new rollout.");
    const inserted = await tx
      .insert(rollouts)
      .values({
        initiativeId,
        hubId: hub.id,
        organizationId: hub.organizationId,
        reportedOn: input.reportedOn,
        reportedById: reporter.id,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new ConflictError("This hub already reported running it.");
    await recordAudit(tx, {
      actorId: reporter.id,
      action: "rollout.reported",
      subjectType: "hub",
      subjectId: hub.id,
      organizationId: hub.organizationId,
      details: { initiativeId, reportedOn: input.reportedOn },
    });
    return inserted[0]!;
  });
  const verified = await verify(db, { hubId: result.hubId, initiativeId });
  return { ...result, status: verified > 0 ? ("verified" as const) : result.status };
}

export async function withdrawRollout(db: Db, reporter: Reporter, rolloutId: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ rollout: rollouts, role: organizationMembers.role })
      .from(rollouts)
      .leftJoin(
        organizationMembers,
        and(
          eq(organizationMembers.organizationId, rollouts.organizationId),
          eq(organizationMembers.userId, reporter.id),
        ),
      )
      .where(eq(rollouts.id, rolloutId));
    if (!row || (!row.role && !reporter.isStaff)) throw new NotFoundError("No such rollout.");
    if (row.role === "member")
      throw new ForbiddenError("Only the hub organization's admins can withdraw it.");
    await tx.delete(rollouts).where(eq(rollouts.id, rolloutId));
    await recordAudit(tx, {
      actorId: reporter.id,
      action: "rollout.withdrawn",
      subjectType: "hub",
      subjectId: row.rollout.hubId,
      organizationId: row.rollout.organizationId,
      details: { initiativeId: row.rollout.initiativeId, status: row.rollout.status },
    });
  });
}

/**
 * The rollout clock (daily): checks every hub with a reported rollout waiting for a
 * JupyterHub release, then verifies what the hub now answers.
 */
export async function sweepRollouts(db: Db) {
  const waiting = await db
    .selectDistinct({ hubId: rollouts.hubId })
    .from(rollouts)
    .innerJoin(hubs, and(eq(hubs.id, rollouts.hubId), eq(hubs.status, "active")))
    .where(
      and(
        eq(rollouts.status, "reported"),
        sql`exists (select 1 from ${deliverables} d join ${upstreamProjects} p on p.id = d.project_id
                    where d.initiative_id = ${rollouts.initiativeId} and p.slug = ${JUPYTERHUB_PROJECT}
                      and d.release_version is not null)`,
      ),
    );
  let checked = 0;
  let verified = 0;
  for (const { hubId } of waiting) {
    // One hub's trouble (a database error on its row) does not stop the others' checks.
    try {
      const result = await checkHubBySystem(db, hubId);
      checked++;
      if (result.ok) verified += await verifyRolloutsOfHub(db, hubId);
    } catch (error) {
      logger.error({ err: error, hubId }, "rollout sweep: hub check failed");
    }
  }
  return { checked, verified };
}

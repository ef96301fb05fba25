import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { hubs } from "#db/schema";
import { env } from "~/lib/env.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { refreshDemandOfOrganization } from "~/modules/initiatives/demand.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import { checkHub } from "./hub-check.server";
import { type HubInput, requireHttps } from "./schemas";

export type Hub = typeof hubs.$inferSelect;

export function listHubs(db: Db, organizationId: string) {
  return db
    .select()
    .from(hubs)
    .where(eq(hubs.organizationId, organizationId))
    .orderBy(asc(hubs.status), asc(hubs.name));
}

/** Hub choices (for proposals, endorsements) must be active hubs of that organization. */
export async function assertActiveHubsOf(db: Db, organizationId: string, hubIds: string[]) {
  if (hubIds.length === 0) return;
  const found = await db
    .select({ id: hubs.id })
    .from(hubs)
    .where(and(inArray(hubs.id, hubIds), eq(hubs.organizationId, organizationId), eq(hubs.status, "active")));
  if (found.length !== new Set(hubIds).size)
    throw new ValidationError({ hubIds: ["Choose among your organization's active hubs."] });
}

export async function getHub(db: Db, context: OrganizationContext, hubId: string) {
  const [hub] = await db
    .select()
    .from(hubs)
    .where(and(eq(hubs.id, hubId), eq(hubs.organizationId, context.organization.id)));
  if (!hub) throw new NotFoundError("No such hub in this organization.");
  return hub;
}

function assertManage(context: OrganizationContext) {
  if (!can(context.actor, "manage-hubs"))
    throw new ForbiddenError("Only organization admins can manage hubs.");
}

function assertUrlAllowed(url: string) {
  if (!env().allowPrivateHubUrls && !requireHttps(url)) {
    throw new ValidationError({ url: ["Hubs must be served over https."] });
  }
}

export async function createHub(db: Db, context: OrganizationContext, input: HubInput) {
  assertManage(context);
  assertUrlAllowed(input.url);
  return db.transaction(async (tx) => {
    const [hub] = await tx
      .insert(hubs)
      .values({ ...input, organizationId: context.organization.id })
      .returning();
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "hub.created",
      subjectType: "hub",
      subjectId: hub!.id,
      organizationId: context.organization.id,
      details: { name: input.name, url: input.url },
    });
    return hub!;
  });
}

export async function updateHub(db: Db, context: OrganizationContext, hubId: string, input: HubInput) {
  assertManage(context);
  assertUrlAllowed(input.url);
  const before = await getHub(db, context, hubId);
  return db.transaction(async (tx) => {
    const urlChanged = before.url !== input.url;
    const [hub] = await tx
      .update(hubs)
      .set({
        ...input,
        updatedAt: new Date(),
        // A new address has not been checked yet.
        ...(urlChanged
          ? { jupyterhubVersion: null, lastSeenAt: null, lastCheckedAt: null, lastCheckError: null }
          : {}),
      })
      .where(eq(hubs.id, hubId))
      .returning();
    const changes = Object.fromEntries(
      (Object.keys(input) as (keyof HubInput)[])
        .filter((k) => before[k] !== input[k])
        .map((k) => [k, input[k]]),
    );
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action:
        before.status !== input.status
          ? `hub.${input.status === "retired" ? "retired" : "reactivated"}`
          : "hub.updated",
      subjectType: "hub",
      subjectId: hubId,
      organizationId: context.organization.id,
      details: changes,
    });
    // Retired, reactivated or moved (not yet checked): the organization's standing may change.
    if (before.status !== input.status || urlChanged)
      await refreshDemandOfOrganization(tx, context.organization.id);
    return hub!;
  });
}

export async function deleteHub(db: Db, context: OrganizationContext, hubId: string) {
  assertManage(context);
  const hub = await getHub(db, context, hubId);
  await db.transaction(async (tx) => {
    await tx.delete(hubs).where(eq(hubs.id, hubId));
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "hub.deleted",
      subjectType: "hub",
      subjectId: hubId,
      organizationId: context.organization.id,
      details: { name: hub.name, url: hub.url },
    });
    await refreshDemandOfOrganization(tx, context.organization.id);
  });
}

/** Runs the public /hub/api check and records what it found. */
export async function runHubCheck(db: Db, context: OrganizationContext, hubId: string) {
  assertManage(context);
  await getHub(db, context, hubId);
  return checkAndRecord(db, hubId, context.actor.userId);
}

/** The same check run by Commons itself (the rollout verification job), not by a person. */
export async function checkHubBySystem(db: Db, hubId: string) {
  return checkAndRecord(db, hubId, null);
}

async function checkAndRecord(db: Db, hubId: string, actorId: string | null) {
  const [hub] = await db.select().from(hubs).where(eq(hubs.id, hubId));
  if (!hub) throw new NotFoundError("No such hub.");
  const result = await checkHub(hub.url, { allowPrivate: env().allowPrivateHubUrls });
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(hubs)
      .set(
        result.ok
          ? { jupyterhubVersion: result.version, lastSeenAt: now, lastCheckedAt: now, lastCheckError: null }
          : { lastCheckedAt: now, lastCheckError: result.message },
      )
      .where(eq(hubs.id, hubId));
    // The first answer gives the organization standing (its endorsements count as demand).
    if (result.ok && !hub.lastSeenAt && hub.status === "active")
      await refreshDemandOfOrganization(tx, hub.organizationId);
    await recordAudit(tx, {
      actorId,
      action: "hub.checked",
      subjectType: "hub",
      subjectId: hubId,
      organizationId: hub.organizationId,
      details: result.ok ? { version: result.version } : { error: result.message },
    });
  });
  return { ...result, checkedAt: now };
}

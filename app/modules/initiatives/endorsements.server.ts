import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  endorsementHubs,
  endorsements,
  hubs,
  initiatives,
  organizationMembers,
  organizations,
} from "#db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { assertActiveHubsOf } from "~/modules/hubs/hubs.server";
import { loadOrganizationFor } from "~/modules/organizations/organizations.server";
import { hasStanding, refreshDemand } from "./demand.server";
import { lockInitiative } from "./initiatives.server";
import { enqueueNotice } from "./notices.server";
import { ENDORSABLE_STATUSES, isPubliclyVisible, STATUS_LABELS } from "./workflow";

// Endorsements (issue 4, item 3): an organization says it needs an initiative too,
// naming which of its hubs would benefit. Admins act in their organization's name.

type Viewer = { id: string; isStaff: boolean };
export type EndorsementInput = { organizationId: string; hubIds: string[]; note: string };

async function organizationContext(db: Db, organizationId: string, viewer: Viewer) {
  const [org] = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new ValidationError({ organizationId: ["Choose one of your organizations."] });
  // Staff are not admins of other organizations: "endorse" needs an admin role.
  return loadOrganizationFor(db, org.slug, { id: viewer.id, isStaff: false }, "endorse");
}

/** Endorses, or changes the hubs and note of a live endorsement. */
export async function endorse(db: Db, viewer: Viewer, initiativeId: string, input: EndorsementInput) {
  const context = await organizationContext(db, input.organizationId, viewer).catch((error) => {
    if (error instanceof ForbiddenError || error instanceof NotFoundError)
      throw new ForbiddenError("Only an admin of the organization can endorse in its name.");
    throw error;
  });
  const hubIds = [...new Set(input.hubIds)];
  return db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative || !isPubliclyVisible(initiative)) throw new NotFoundError("No such initiative.");
    if (!ENDORSABLE_STATUSES.includes(initiative.status))
      throw new ConflictError(
        `An initiative that is ${STATUS_LABELS[initiative.status].toLowerCase()} no longer takes endorsements.`,
      );
    if (initiative.organizationId === context.organization.id)
      throw new ValidationError({
        organizationId: ["Your organization proposed this initiative; its backing is already counted."],
      });
    await assertActiveHubsOf(tx, context.organization.id, hubIds);
    const [existing] = await tx
      .select()
      .from(endorsements)
      .where(
        and(
          eq(endorsements.initiativeId, initiative.id),
          eq(endorsements.organizationId, context.organization.id),
          isNull(endorsements.withdrawnAt),
        ),
      );
    const endorsement = existing
      ? (
          await tx
            .update(endorsements)
            .set({ note: input.note, endorsedById: viewer.id })
            .where(eq(endorsements.id, existing.id))
            .returning()
        )[0]!
      : (
          await tx
            .insert(endorsements)
            .values({
              initiativeId: initiative.id,
              organizationId: context.organization.id,
              endorsedById: viewer.id,
              note: input.note,
            })
            .returning()
        )[0]!;
    await tx.delete(endorsementHubs).where(eq(endorsementHubs.endorsementId, endorsement.id));
    if (hubIds.length > 0)
      await tx
        .insert(endorsementHubs)
        .values(hubIds.map((hubId) => ({ endorsementId: endorsement.id, hubId })));
    await refreshDemand(tx, initiative.id);
    // The proposers hear of a new endorsement (issue 13, item 3), not of each change to one.
    if (!existing) await enqueueNotice(tx, { kind: "endorsed", endorsementId: endorsement.id });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: existing ? "endorsement.changed" : "endorsement.created",
      subjectType: "initiative",
      subjectId: initiative.id,
      organizationId: context.organization.id,
      details: { hubs: hubIds.length },
    });
    const [standing] = (await tx.execute(
      sql`select ${hasStanding(sql`${context.organization.id}::uuid`)} as counted`,
    )) as unknown as { counted: boolean }[];
    return { endorsement, created: !existing, counted: Boolean(standing?.counted) };
  });
}

export async function withdrawEndorsement(
  db: Db,
  viewer: Viewer,
  initiativeId: string,
  organizationId: string,
) {
  await organizationContext(db, organizationId, viewer).catch((error) => {
    if (error instanceof ForbiddenError || error instanceof NotFoundError)
      throw new ForbiddenError("Only an admin of the organization can withdraw its endorsement.");
    throw error;
  });
  return db.transaction(async (tx) => {
    const [initiative] = await tx
      .select({ id: initiatives.id })
      .from(initiatives)
      .where(eq(initiatives.id, initiativeId))
      .for("update");
    if (!initiative) throw new NotFoundError("No such initiative.");
    const [withdrawn] = await tx
      .update(endorsements)
      .set({ withdrawnAt: new Date() })
      .where(
        and(
          eq(endorsements.initiativeId, initiativeId),
          eq(endorsements.organizationId, organizationId),
          isNull(endorsements.withdrawnAt),
        ),
      )
      .returning({ id: endorsements.id });
    if (!withdrawn) throw new ConflictError("Your organization does not endorse this initiative.");
    await refreshDemand(tx, initiativeId);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "endorsement.withdrawn",
      subjectType: "initiative",
      subjectId: initiativeId,
      organizationId,
    });
  });
}

/** Live endorsements with their organizations and hubs, for an initiative page. */
export async function listEndorsements(db: Db, initiativeId: string) {
  const rows = await db
    .select({
      id: endorsements.id,
      note: endorsements.note,
      createdAt: endorsements.createdAt,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      organizationIsPublic: organizations.isPublic,
      /** Counted in demand: the endorser has standing (a membership or a hub that answered). */
      counted: sql<boolean>`${hasStanding('"organizations"."id"')}`,
    })
    .from(endorsements)
    .innerJoin(organizations, eq(organizations.id, endorsements.organizationId))
    .where(and(eq(endorsements.initiativeId, initiativeId), isNull(endorsements.withdrawnAt)))
    .orderBy(endorsements.createdAt);
  const hubRows =
    rows.length === 0
      ? []
      : await db
          .select({
            endorsementId: endorsementHubs.endorsementId,
            id: hubs.id,
            name: hubs.name,
            url: hubs.url,
            userCount: hubs.userCount,
          })
          .from(endorsementHubs)
          .innerJoin(hubs, eq(hubs.id, endorsementHubs.hubId))
          .where(
            inArray(
              endorsementHubs.endorsementId,
              rows.map((r) => r.id),
            ),
          );
  return rows.map((row) => ({ ...row, hubs: hubRows.filter((h) => h.endorsementId === row.id) }));
}

type Endorsement = Awaited<ReturnType<typeof listEndorsements>>[number];

/**
 * Endorsements as a public page may show them (issue 12, item 10): no hub addresses, and an
 * unlisted endorser neither named nor linked, its hubs only counted, except for staff.
 */
export function publicEndorsements(list: Endorsement[], isStaff: boolean) {
  return list.map((e) =>
    e.organizationIsPublic || isStaff
      ? {
          id: e.id,
          note: e.note,
          organizationName: e.organizationName,
          organizationSlug: e.organizationSlug,
          organizationIsPublic: e.organizationIsPublic,
          counted: e.counted,
          hubs: e.hubs.map((h) => ({ id: h.id, name: h.name, userCount: h.userCount })),
        }
      : {
          id: e.id,
          note: e.note,
          organizationName: "An unlisted organization",
          organizationSlug: "",
          organizationIsPublic: false,
          counted: e.counted,
          hubs: e.hubs.map((h, n) => ({ id: `${e.id}-${n}`, name: `hub ${n + 1}`, userCount: h.userCount })),
        },
  );
}

/**
 * The organizations `userId` may endorse for (admin or owner, not the proposer),
 * with their active hubs and any live endorsement, for the endorse form.
 */
export async function endorsementChoices(
  db: Db,
  userId: string,
  initiative: { id: string; organizationId: string },
) {
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(
      and(
        eq(organizationMembers.userId, userId),
        inArray(organizationMembers.role, ["owner", "admin"]),
        ne(organizations.id, initiative.organizationId),
      ),
    )
    .orderBy(organizations.name);
  if (orgs.length === 0) return [];
  const ids = orgs.map((o) => o.id);
  const [orgHubs, live] = await Promise.all([
    db
      .select({
        id: hubs.id,
        organizationId: hubs.organizationId,
        name: hubs.name,
        userCount: hubs.userCount,
      })
      .from(hubs)
      .where(and(inArray(hubs.organizationId, ids), eq(hubs.status, "active")))
      .orderBy(hubs.name),
    db
      .select({ id: endorsements.id, organizationId: endorsements.organizationId, note: endorsements.note })
      .from(endorsements)
      .where(
        and(
          eq(endorsements.initiativeId, initiative.id),
          inArray(endorsements.organizationId, ids),
          isNull(endorsements.withdrawnAt),
        ),
      ),
  ]);
  const liveHubs =
    live.length === 0
      ? []
      : await db
          .select()
          .from(endorsementHubs)
          .where(
            inArray(
              endorsementHubs.endorsementId,
              live.map((l) => l.id),
            ),
          );
  return orgs.map((org) => {
    const endorsement = live.find((l) => l.organizationId === org.id);
    return {
      ...org,
      hubs: orgHubs.filter((h) => h.organizationId === org.id),
      endorsement: endorsement
        ? {
            note: endorsement.note,
            hubIds: liveHubs.filter((h) => h.endorsementId === endorsement.id).map((h) => h.hubId),
          }
        : null,
    };
  });
}

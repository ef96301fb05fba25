import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { organizationMembers, organizations, users } from "#db/schema";
import { ForbiddenError, isUniqueViolation, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { type Actor, can, type OrganizationAction } from "./policy";
import type { OrganizationInput } from "./schemas";

export type Viewer = { id: string; isStaff: boolean };
export type Organization = typeof organizations.$inferSelect;
export type OrganizationContext = { organization: Organization; actor: Actor };

/**
 * Loads an organization for a signed-in viewer and checks `action`.
 * Hidden organizations answer 404 to outsiders; listed ones answer 403.
 */
export async function loadOrganizationFor(
  db: Db,
  slug: string,
  viewer: Viewer,
  action: OrganizationAction,
): Promise<OrganizationContext> {
  const [row] = await db
    .select({ organization: organizations, role: organizationMembers.role })
    .from(organizations)
    .leftJoin(
      organizationMembers,
      and(
        eq(organizationMembers.organizationId, organizations.id),
        eq(organizationMembers.userId, viewer.id),
      ),
    )
    .where(eq(organizations.slug, slug))
    .limit(1);
  if (!row) throw new NotFoundError("No such organization.");
  const actor: Actor = { userId: viewer.id, isStaff: viewer.isStaff, role: row.role };
  if (!can(actor, action)) {
    if (!row.role && !viewer.isStaff && !row.organization.isPublic)
      throw new NotFoundError("No such organization.");
    throw new ForbiddenError(
      row.role
        ? "Your role in this organization does not allow this."
        : "You are not a member of this organization.",
    );
  }
  return { organization: row.organization, actor };
}

export function listOrganizationsOf(db: Db, userId: string) {
  return db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
      role: organizationMembers.role,
    })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(eq(organizationMembers.userId, userId))
    .orderBy(asc(organizations.name));
}

async function assertSlugFree(db: Db, slug: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      exceptId
        ? and(eq(organizations.slug, slug), sql`${organizations.id} <> ${exceptId}`)
        : eq(organizations.slug, slug),
    );
  if (taken) throw new ValidationError({ slug: ["Another organization already uses this address."] });
}

export async function createOrganization(db: Db, userId: string, input: OrganizationInput) {
  return db.transaction(async (tx) => {
    await assertSlugFree(tx, input.slug);
    const [organization] = await tx
      .insert(organizations)
      .values(input)
      .returning()
      .catch((error: unknown) => {
        // Created at the same moment from another tab: the unique index decides.
        if (isUniqueViolation(error))
          throw new ValidationError({ slug: ["Another organization already uses this address."] });
        throw error;
      });
    await tx.insert(organizationMembers).values({ organizationId: organization!.id, userId, role: "owner" });
    await recordAudit(tx, {
      actorId: userId,
      action: "organization.created",
      subjectType: "organization",
      subjectId: organization!.id,
      organizationId: organization!.id,
      details: { name: input.name, kind: input.kind },
    });
    return organization!;
  });
}

export async function updateOrganization(db: Db, context: OrganizationContext, input: OrganizationInput) {
  if (!can(context.actor, "edit")) throw new ForbiddenError("Only admins can edit the organization.");
  // The kind decides which memberships an organization may apply for (a subsidised seat is for
  // communities): relabelling an institution is staff's call (issue 12, item 14).
  if (input.kind !== context.organization.kind && !context.actor.isStaff)
    throw new ValidationError({
      kind: [
        "Only Commons staff can change whether an organization is a community or an institution (it decides which memberships it can apply for). Write to staff with the reason.",
      ],
    });
  return db.transaction(async (tx) => {
    await assertSlugFree(tx, input.slug, context.organization.id);
    const [updated] = await tx
      .update(organizations)
      .set({
        ...input,
        website: input.website ?? null,
        updatedAt: new Date(),
      })
      .where(eq(organizations.id, context.organization.id))
      .returning();
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "organization.updated",
      subjectType: "organization",
      subjectId: context.organization.id,
      organizationId: context.organization.id,
      details: changedFields(context.organization, input),
    });
    return updated!;
  });
}

function changedFields(before: Organization, after: OrganizationInput) {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof OrganizationInput)[]) {
    if ((before[key] ?? undefined) !== (after[key] ?? undefined)) changes[key] = after[key] ?? null;
  }
  return changes;
}

/** Who hears about an organization's money: its owners and admins. */
export async function organizationContacts(tx: Db, organizationId: string) {
  const rows = await tx
    .select({ email: users.email, name: organizations.name, slug: organizations.slug })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(
      and(
        eq(organizationMembers.organizationId, organizationId),
        inArray(organizationMembers.role, ["owner", "admin"]),
      ),
    );
  return {
    recipients: rows.map((r) => r.email),
    organizationName: rows[0]?.name ?? "",
    slug: rows[0]?.slug ?? "",
  };
}

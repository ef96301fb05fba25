import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { organizationMembers, organizations, users } from "#db/schema";
import { ForbiddenError, isUniqueViolation, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { hitRateLimit, peekRateLimit } from "~/modules/auth/rate-limit.server";
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

// Organization creation per account (issue 12, item 5): each organization is a voice in
// demand, so one person cannot make many. Three a day and ten owned in all, staff aside.
export const ORGANIZATIONS_PER_DAY = 3;
export const ORGANIZATIONS_OWNED = 10;
// "Address taken" answers tell that a (possibly unlisted) organization exists: at most
// twenty a day per person, so the addresses of hidden organizations cannot be swept.
const SLUG_PROBES_PER_DAY = 20;
const SLUG_TAKEN = "This address is not available. Choose another.";

async function assertMayCreate(db: Db, actor: { id: string; isStaff: boolean }) {
  if (actor.isStaff) return;
  const [owned] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.userId, actor.id), eq(organizationMembers.role, "owner")));
  if ((owned?.n ?? 0) >= ORGANIZATIONS_OWNED)
    throw new ValidationError({
      form: [
        `You own ${ORGANIZATIONS_OWNED} organizations, the most one person can. Hand one over, or write to staff.`,
      ],
    });
  const today = await hitRateLimit(db, `org-create:${actor.id}`, ORGANIZATIONS_PER_DAY, 24 * 60 * 60);
  if (!today.allowed)
    throw new ValidationError({
      form: [`You can create ${ORGANIZATIONS_PER_DAY} organizations a day. Try again tomorrow.`],
    });
}

async function assertSlugFree(db: Db, slug: string, exceptId?: string, actorId?: string) {
  if (actorId) {
    const probes = await peekRateLimit(db, `slug-taken:${actorId}`, SLUG_PROBES_PER_DAY, 24 * 60 * 60);
    if (!probes.allowed)
      throw new ValidationError({ slug: ["Too many addresses tried today. Try again tomorrow."] });
  }
  const [taken] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      exceptId
        ? and(eq(organizations.slug, slug), sql`${organizations.id} <> ${exceptId}`)
        : eq(organizations.slug, slug),
    );
  if (taken) {
    if (actorId) await hitRateLimit(db, `slug-taken:${actorId}`, SLUG_PROBES_PER_DAY, 24 * 60 * 60);
    throw new ValidationError({ slug: [SLUG_TAKEN] });
  }
}

export async function createOrganization(
  db: Db,
  actor: { id: string; isStaff: boolean },
  input: OrganizationInput,
) {
  const userId = actor.id;
  // Outside the transaction: a refused address still counts as a probe.
  await assertSlugFree(db, input.slug, undefined, userId);
  await assertMayCreate(db, actor);
  return db.transaction(async (tx) => {
    const [organization] = await tx
      .insert(organizations)
      .values(input)
      .returning()
      .catch((error: unknown) => {
        // Created at the same moment from another tab: the unique index decides.
        if (isUniqueViolation(error)) throw new ValidationError({ slug: [SLUG_TAKEN] });
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
  // Outside the transaction, so a refused address still counts as a probe; the index decides races.
  await assertSlugFree(db, input.slug, context.organization.id, context.actor.userId);
  return db.transaction(async (tx) => {
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

import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { type OrganizationRole, organizationMembers, users } from "#db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OrganizationContext } from "./organizations.server";
import { assignableRoles, can } from "./policy";

// The people of an organization: who is in it, with which role, changing a role and
// removing someone (or leaving), always keeping an owner. Invitations are in
// invitations.server.ts.

export function listMembers(db: Db, organizationId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: organizationMembers.role,
      since: organizationMembers.createdAt,
    })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(organizationMembers.organizationId, organizationId))
    .orderBy(
      sql`case ${organizationMembers.role} when 'owner' then 0 when 'admin' then 1 else 2 end`,
      asc(users.name),
    );
}

/** Refuses unless the actor may manage people and give `role` (invitations.server.ts too). */
export function assertMayAssign(context: OrganizationContext, role: OrganizationRole) {
  if (!can(context.actor, "manage-people")) throw new ForbiddenError("Only admins can manage people.");
  if (!assignableRoles(context.actor).includes(role)) {
    throw new ValidationError({ role: ["Only an owner can make someone an owner."] });
  }
}

async function lockMembers(tx: Db, organizationId: string) {
  // Serialises role changes per organization so two admins cannot remove the last owner together.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${organizationId}))`);
  return tx.select().from(organizationMembers).where(eq(organizationMembers.organizationId, organizationId));
}

export async function changeRole(
  db: Db,
  context: OrganizationContext,
  userId: string,
  role: OrganizationRole,
) {
  assertMayAssign(context, role);
  await db.transaction(async (tx) => {
    const members = await lockMembers(tx, context.organization.id);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw new NotFoundError("That person is not a member.");
    if (target.role === role) return;
    if (target.role === "owner" && !can(context.actor, "grant-owner")) {
      throw new ForbiddenError("Only an owner can change another owner's role.");
    }
    if (target.role === "owner" && members.filter((m) => m.role === "owner").length === 1) {
      throw new ConflictError("An organization always keeps an owner. Make someone else owner first.");
    }
    await tx
      .update(organizationMembers)
      .set({ role })
      .where(
        and(
          eq(organizationMembers.organizationId, context.organization.id),
          eq(organizationMembers.userId, userId),
        ),
      );
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "member.role_changed",
      subjectType: "user",
      subjectId: userId,
      organizationId: context.organization.id,
      details: { from: target.role, to: role },
    });
  });
}

/** Removes someone (an admin acting) or leaves (the person themself). */
export async function removeMember(db: Db, context: OrganizationContext, userId: string) {
  const leaving = userId === context.actor.userId;
  if (!leaving && !can(context.actor, "manage-people"))
    throw new ForbiddenError("Only admins can remove people.");
  await db.transaction(async (tx) => {
    const members = await lockMembers(tx, context.organization.id);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw new NotFoundError("That person is not a member.");
    if (!leaving && target.role === "owner" && !can(context.actor, "grant-owner")) {
      throw new ForbiddenError("Only an owner can remove another owner.");
    }
    if (target.role === "owner" && members.filter((m) => m.role === "owner").length === 1) {
      throw new ConflictError(
        leaving
          ? "You are the only owner. Make someone else owner before you leave."
          : "An organization always keeps an owner.",
      );
    }
    await tx
      .delete(organizationMembers)
      .where(
        and(
          eq(organizationMembers.organizationId, context.organization.id),
          eq(organizationMembers.userId, userId),
        ),
      );
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: leaving ? "member.left" : "member.removed",
      subjectType: "user",
      subjectId: userId,
      organizationId: context.organization.id,
      details: { role: target.role },
    });
  });
}

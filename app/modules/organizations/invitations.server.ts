import { and, desc, eq, gt, gte, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { invitations, type OrganizationRole, organizationMembers, organizations, users } from "#db/schema";
import { Invitation, invitationSubject } from "#emails/invitation";
import { formatDay } from "~/lib/dates";
import { env } from "~/lib/env.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashSecret, randomSecret } from "~/modules/auth/session.server";
import { sendEmail } from "~/modules/notifications/email.server";
import { assertInvitationAllowed } from "./invitation-limits.server";
import type { OrganizationContext } from "./organizations.server";
import { assertMayAssign } from "./people.server";
import { can } from "./policy";

// Invitations into an organization: sending one by email (a fresh one replaces an open
// one to the same address), revoking it, and following its link to accept it or to
// learn why it no longer opens. Who is in it, and their roles, is people.server.ts.

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export function listOpenInvitations(db: Db, organizationId: string) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export async function inviteMember(
  db: Db,
  context: OrganizationContext,
  input: { email: string; role: OrganizationRole; inviterName: string },
) {
  assertMayAssign(context, input.role);
  const organizationId = context.organization.id;
  const [existing] = await db
    .select({ userId: users.id })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(
      and(
        eq(organizationMembers.organizationId, organizationId),
        sql`lower(${users.email}) = ${input.email}`,
      ),
    );
  if (existing) throw new ValidationError({ email: ["This person is already a member."] });
  await assertInvitationAllowed(db, context, input.email);

  const token = randomSecret(24);
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const replacedEarlier = await db.transaction(async (tx) => {
    // A fresh invitation replaces an open one for the same address; the sender is told.
    const replaced = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.organizationId, organizationId),
          sql`lower(${invitations.email}) = ${input.email}`,
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    const [invitation] = await tx
      .insert(invitations)
      .values({
        organizationId,
        email: input.email,
        role: input.role,
        tokenHash: hashSecret(token),
        invitedById: context.actor.userId,
        expiresAt,
      })
      .returning({ id: invitations.id });
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "invitation.sent",
      subjectType: "invitation",
      subjectId: invitation!.id,
      organizationId,
      details: { email: input.email, role: input.role },
    });
    return replaced.length > 0;
  });
  const appUrl = env().appUrl;
  await sendEmail(db, {
    to: input.email,
    subject: invitationSubject(context.organization.name),
    template: "invitation",
    body: Invitation({
      appUrl,
      organizationName: context.organization.name,
      inviterName: input.inviterName,
      role: input.role,
      link: `${appUrl}/invitations/${token}`,
      expiresOn: formatDay(expiresAt),
    }),
    secrets: { values: [token], expiresAt },
  });
  return { token, replacedEarlier };
}

export async function revokeInvitation(db: Db, context: OrganizationContext, invitationId: string) {
  if (!can(context.actor, "manage-people")) throw new ForbiddenError("Only admins can manage people.");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.organizationId, context.organization.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ email: invitations.email });
    if (!row) throw new NotFoundError("That invitation is no longer open.");
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: invitationId,
      organizationId: context.organization.id,
      details: { email: row.email },
    });
  });
}

/** The invitation behind a link, if it is still open. */
export async function findOpenInvitation(db: Db, token: string) {
  const [row] = await db
    .select({
      invitation: invitations,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(
      and(
        eq(invitations.tokenHash, hashSecret(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

export type ClosedInvitationReason = "replaced" | "revoked" | "expired" | "accepted" | "unknown";

/**
 * Why a link no longer opens an invitation, so its page can say what to do instead
 * (issue 13, item 10): most often a newer invitation to the same address replaced it.
 */
export async function whyInvitationClosed(db: Db, token: string): Promise<ClosedInvitationReason> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashSecret(token)));
  if (!row) return "unknown";
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) {
    const [newer] = await db
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.organizationId, row.organizationId),
          sql`lower(${invitations.email}) = lower(${row.email})`,
          ne(invitations.id, row.id),
          // JavaScript's milliseconds round PostgreSQL's microseconds down, hence gte with ne.
          gte(invitations.createdAt, row.createdAt),
        ),
      )
      .limit(1);
    return newer ? "replaced" : "revoked";
  }
  return "expired";
}

/**
 * Accepts an invitation for a signed-in user. The link was sent to the invited
 * address, so following it also confirms that address when it is the account's.
 */
export async function acceptInvitation(db: Db, token: string, user: { id: string; email: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(invitations.tokenHash, hashSecret(token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!row) throw new NotFoundError("This invitation has expired, was revoked or was already used.");
    await tx
      .insert(organizationMembers)
      .values({ organizationId: row.organizationId, userId: user.id, role: row.role })
      .onConflictDoNothing();
    if (row.email.toLowerCase() === user.email.toLowerCase()) {
      await tx
        .update(users)
        .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
        .where(eq(users.id, user.id));
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "invitation.accepted",
      subjectType: "invitation",
      subjectId: row.id,
      organizationId: row.organizationId,
      details: { email: row.email, role: row.role },
    });
    const [organization] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, row.organizationId));
    return organization!;
  });
}

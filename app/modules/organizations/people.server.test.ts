import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, emailMessages, type OrganizationRole, organizationMembers, users } from "#db/schema";
import { addMember, buildOrganization, buildUser } from "#tests/factories";
import { ConflictError, ForbiddenError, NotFoundError, type ValidationError } from "~/lib/errors";
import { INVITATION_LIMITS } from "./invitation-limits.server";
import { acceptInvitation, inviteMember, revokeInvitation, whyInvitationClosed } from "./invitations.server";
import { createOrganization, loadOrganizationFor } from "./organizations.server";
import { changeRole, removeMember } from "./people.server";

const db = getDb();
const person = (overrides: Partial<typeof users.$inferInsert> = {}) =>
  buildUser(db, { passwordHash: "x", ...overrides });

async function orgWith(roles: OrganizationRole[]) {
  const organization = await buildOrganization(db);
  const people = [];
  for (const role of roles) {
    const user = await person();
    await addMember(db, organization.id, user.id, role);
    people.push(user);
  }
  return { organization, people };
}

const contextFor = (
  slug: string,
  user: { id: string; isStaff?: boolean },
  action: "view" | "manage-people" = "manage-people",
) => loadOrganizationFor(db, slug, { id: user.id, isStaff: user.isStaff ?? false }, action);

async function auditActions(organizationId: string) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(desc(auditEvents.createdAt));
  return rows.map((r) => r.action);
}

describe("organizations", () => {
  it("the creator becomes owner and the creation is audited", async () => {
    const user = await person();
    const organization = await createOrganization(
      db,
      { id: user.id, isStaff: false },
      {
        name: "Tide Lab",
        slug: `tide-${Date.now()}`,
        kind: "community",
        description: "",
        isPublic: true,
        showMembership: false,
      },
    );
    const context = await contextFor(organization.slug, user);
    expect(context.actor.role).toBe("owner");
    expect(await auditActions(organization.id)).toContain("organization.created");
  });

  it("refuses a slug another organization uses, at the field", async () => {
    const existing = await buildOrganization(db);
    const user = await person();
    const error = await createOrganization(
      db,
      { id: user.id, isStaff: false },
      {
        name: "X",
        slug: existing.slug,
        kind: "community",
        description: "",
        isPublic: true,
        showMembership: false,
      },
    ).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors.slug).toBeDefined();
  });

  it("answers 403 to outsiders of a listed organization and 404 for a hidden one", async () => {
    const outsider = await person();
    const listed = await buildOrganization(db, { isPublic: true });
    const hidden = await buildOrganization(db, { isPublic: false });
    await expect(contextFor(listed.slug, outsider, "view")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(contextFor(hidden.slug, outsider, "view")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a member may view but not manage people; staff may view", async () => {
    const { organization, people } = await orgWith(["owner", "member"]);
    await expect(contextFor(organization.slug, people[1]!, "view")).resolves.toBeDefined();
    await expect(contextFor(organization.slug, people[1]!, "manage-people")).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const staff = await person({ isStaff: true });
    await expect(
      contextFor(organization.slug, { id: staff.id, isStaff: true }, "view"),
    ).resolves.toBeDefined();
    await expect(
      contextFor(organization.slug, { id: staff.id, isStaff: true }, "manage-people"),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("invitations", () => {
  it("emails an invitation whose link adds the person with the role, once", async () => {
    const { organization, people } = await orgWith(["owner"]);
    const context = await contextFor(organization.slug, people[0]!);
    const invitee = await person({ email: `invitee-${Date.now()}@example.org`, emailVerifiedAt: null });
    const { token } = await inviteMember(db, context, {
      email: invitee.email,
      role: "admin",
      inviterName: "Ada",
    });
    const [mail] = await db.select().from(emailMessages).where(eq(emailMessages.to, invitee.email));
    expect(mail?.subject).toContain(organization.name);
    expect(mail?.html).toContain(`/invitations/${token}`);

    await acceptInvitation(db, token, invitee);
    const [membership] = await db
      .select()
      .from(organizationMembers)
      .where(
        and(
          eq(organizationMembers.organizationId, organization.id),
          eq(organizationMembers.userId, invitee.id),
        ),
      );
    expect(membership?.role).toBe("admin");
    const [reloaded] = await db.select().from(users).where(eq(users.id, invitee.id));
    expect(reloaded?.emailVerifiedAt).not.toBeNull();
    await expect(acceptInvitation(db, token, invitee)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditActions(organization.id)).toEqual(
      expect.arrayContaining(["invitation.sent", "invitation.accepted"]),
    );
  });

  it("limits invitations from an organization without a membership, and to one address (issue 12, item 4)", async () => {
    const { organization, people } = await orgWith(["owner"]);
    const context = await contextFor(organization.slug, people[0]!);
    const stamp = Date.now();
    for (let i = 0; i < INVITATION_LIMITS.newOrganization; i++)
      await inviteMember(db, context, {
        email: `new-${stamp}-${i}@example.org`,
        role: "member",
        inviterName: "Ada",
      });
    const refused = await inviteMember(db, context, {
      email: `new-${stamp}-extra@example.org`,
      role: "member",
      inviterName: "Ada",
    }).catch((e: unknown) => e);
    expect((refused as ValidationError).fieldErrors.email?.[0]).toMatch(
      /without a membership can send 5 invitations a day/,
    );
    expect(
      await db
        .select()
        .from(emailMessages)
        .where(eq(emailMessages.to, `new-${stamp}-extra@example.org`)),
    ).toEqual([]);

    // One address gets at most three invitations a day, whoever sends them.
    const target = `popular-${stamp}@example.org`;
    for (let i = 0; i < INVITATION_LIMITS.recipient; i++) {
      const other = await orgWith(["owner"]);
      await inviteMember(db, await contextFor(other.organization.slug, other.people[0]!), {
        email: target,
        role: "member",
        inviterName: "Someone",
      });
    }
    const another = await orgWith(["owner"]);
    const bombed = await inviteMember(db, await contextFor(another.organization.slug, another.people[0]!), {
      email: target,
      role: "member",
      inviterName: "Someone",
    }).catch((e: unknown) => e);
    expect((bombed as ValidationError).fieldErrors.email?.[0]).toMatch(/several invitations today/);
    expect(await db.select().from(emailMessages).where(eq(emailMessages.to, target))).toHaveLength(3);
  });

  it("an expired invitation cannot be accepted", async () => {
    const { organization, people } = await orgWith(["owner"]);
    const context = await contextFor(organization.slug, people[0]!);
    const invitee = await person();
    const { token } = await inviteMember(db, context, {
      email: invitee.email,
      role: "member",
      inviterName: "Ada",
    });
    const { invitations } = await import("#db/schema");
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.organizationId, organization.id));
    await expect(acceptInvitation(db, token, invitee)).rejects.toBeInstanceOf(NotFoundError);
    expect(await whyInvitationClosed(db, token)).toBe("expired");
  });

  it("a resent invitation says it replaced the earlier link, and the earlier link says why it stopped (issue 13, item 10)", async () => {
    const { organization, people } = await orgWith(["owner"]);
    const context = await contextFor(organization.slug, people[0]!);
    const invitee = await person();
    const input = { email: invitee.email, role: "member" as const, inviterName: "Ada" };
    const first = await inviteMember(db, context, input);
    expect(first.replacedEarlier).toBe(false);
    const second = await inviteMember(db, context, input);
    expect(second.replacedEarlier).toBe(true);
    expect(await whyInvitationClosed(db, first.token)).toBe("replaced");
    expect(await whyInvitationClosed(db, "not-a-token")).toBe("unknown");
    await acceptInvitation(db, second.token, invitee);
    expect(await whyInvitationClosed(db, second.token)).toBe("accepted");

    const other = await person();
    const third = await inviteMember(db, context, { ...input, email: other.email });
    const { invitations } = await import("#db/schema");
    const [open] = await db.select().from(invitations).where(eq(invitations.email, other.email));
    await revokeInvitation(db, context, open!.id);
    expect(await whyInvitationClosed(db, third.token)).toBe("revoked");
  });

  it("an admin cannot invite an owner", async () => {
    const { organization, people } = await orgWith(["owner", "admin"]);
    const context = await contextFor(organization.slug, people[1]!);
    const error = await inviteMember(db, context, {
      email: "x@example.org",
      role: "owner",
      inviterName: "A",
    }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors.role).toBeDefined();
  });
});

describe("roles and leaving", () => {
  it("an organization always keeps an owner", async () => {
    const { organization, people } = await orgWith(["owner", "admin"]);
    const owner = await contextFor(organization.slug, people[0]!);
    await expect(changeRole(db, owner, people[0]!.id, "member")).rejects.toBeInstanceOf(ConflictError);
    await expect(removeMember(db, owner, people[0]!.id)).rejects.toBeInstanceOf(ConflictError);
    await changeRole(db, owner, people[1]!.id, "owner");
    await removeMember(db, owner, people[0]!.id);
    const remaining = await db
      .select()
      .from(organizationMembers)
      .where(eq(organizationMembers.organizationId, organization.id));
    expect(remaining).toEqual([expect.objectContaining({ userId: people[1]!.id, role: "owner" })]);
    expect(await auditActions(organization.id)).toEqual(
      expect.arrayContaining(["member.role_changed", "member.left"]),
    );
  });

  it("an admin cannot demote or remove an owner", async () => {
    const { organization, people } = await orgWith(["owner", "owner", "admin"]);
    const admin = await contextFor(organization.slug, people[2]!);
    await expect(changeRole(db, admin, people[0]!.id, "member")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeMember(db, admin, people[0]!.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a member can leave but cannot remove others", async () => {
    const { organization, people } = await orgWith(["owner", "member", "member"]);
    const member = await contextFor(organization.slug, people[1]!, "view");
    await expect(removeMember(db, member, people[2]!.id)).rejects.toBeInstanceOf(ForbiddenError);
    await removeMember(db, member, people[1]!.id);
    const remaining = await db
      .select()
      .from(organizationMembers)
      .where(eq(organizationMembers.organizationId, organization.id));
    expect(remaining.map((m) => m.userId).sort()).toEqual([people[0]!.id, people[2]!.id].sort());
  });
});

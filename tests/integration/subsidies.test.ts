import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, emailMessages, memberships, membershipTiers } from "#db/schema";
import { addMember, buildOrganization, buildUser } from "#tests/factories";
import { ConflictError, ForbiddenError, ValidationError } from "~/lib/errors";
import { applyForSubsidy, decideSubsidy, latestApplication } from "~/modules/memberships/subsidies.server";
import { loadOrganizationFor } from "~/modules/organizations/organizations.server";

const db = getDb();
const statement = "We teach 300 students a year on donated infrastructure and cannot pay any membership fee.";

async function setup(kind: "community" | "institution" = "community") {
  const [tier] = await db
    .insert(membershipTiers)
    .values({
      name: `Community ${Math.random()}`,
      priceMinor: 0,
      currency: "USD",
      hubsIncluded: 1,
      isSubsidised: true,
    })
    .returning();
  const organization = await buildOrganization(db, { kind });
  const admin = await buildUser(db, { passwordHash: "x" });
  await addMember(db, organization.id, admin.id, "owner");
  const staff = await buildUser(db, { passwordHash: "x", isStaff: true });
  const context = await loadOrganizationFor(db, organization.slug, { id: admin.id, isStaff: false }, "view");
  return { tier: tier!, organization, admin, staff: { id: staff.id, isStaff: true }, context };
}

describe("subsidised memberships", () => {
  it("approval activates a no-charge membership marked subsidised, and the reason reaches the applicant", async () => {
    const { tier, organization, admin, staff, context } = await setup();
    const application = await applyForSubsidy(db, context, { tierId: tier.id, statement });
    await expect(applyForSubsidy(db, context, { tierId: tier.id, statement })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await decideSubsidy(db, staff, {
      applicationId: application.id,
      decision: "approve",
      reason: "Exactly who the pool is for.",
    });
    const [membership] = await db
      .select()
      .from(memberships)
      .where(eq(memberships.organizationId, organization.id));
    expect(membership).toMatchObject({
      status: "active",
      method: "subsidy",
      amountMinor: 0,
      tierId: tier.id,
    });
    expect((await latestApplication(db, organization.id))?.decisionReason).toBe(
      "Exactly who the pool is for.",
    );
    const [mail] = await db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.to, admin.email), eq(emailMessages.template, "subsidy-decision")));
    expect(mail?.text).toContain("Exactly who the pool is for.");
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, application.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["subsidy.applied", "subsidy.approved"]);
    await expect(
      decideSubsidy(db, staff, {
        applicationId: application.id,
        decision: "decline",
        reason: "Changed our mind.",
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("a decline keeps the reason and lets the community apply again", async () => {
    const { tier, organization, staff, context } = await setup();
    const application = await applyForSubsidy(db, context, { tierId: tier.id, statement });
    await decideSubsidy(db, staff, {
      applicationId: application.id,
      decision: "decline",
      reason: "Your institution already pays for you.",
    });
    expect(
      await db.select().from(memberships).where(eq(memberships.organizationId, organization.id)),
    ).toHaveLength(0);
    expect((await latestApplication(db, organization.id))?.status).toBe("declined");
    await expect(applyForSubsidy(db, context, { tierId: tier.id, statement })).resolves.toBeDefined();
  });

  it("only staff decide, and institutions cannot apply", async () => {
    const { tier, admin, context } = await setup();
    const application = await applyForSubsidy(db, context, { tierId: tier.id, statement });
    await expect(
      decideSubsidy(
        db,
        { id: admin.id, isStaff: false },
        { applicationId: application.id, decision: "approve", reason: "I approve myself." },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const institution = await setup("institution");
    await expect(
      applyForSubsidy(db, institution.context, { tierId: institution.tier.id, statement }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { memberships, membershipTiers, organizations } from "#db/schema";
import { buildOrganization } from "#tests/factories";
import { listPublicOrganizations, networkStats } from "./directory.server";

// Issue 13, item 4: "members" are organizations with a live membership; the others that are
// listed participate without one, and the directory and the home page say which is which.

const db = getDb();

describe("members and participating organizations", () => {
  it("are told apart in the directory and counted apart on the home page", async () => {
    const before = await networkStats(db);
    const stamp = Date.now().toString(36);
    const [tier] = await db
      .insert(membershipTiers)
      .values({ name: `Tier ${stamp}`, priceMinor: 0, currency: "USD", hubsIncluded: 1, isSubsidised: true })
      .returning();
    const member = await buildOrganization(db, {
      name: `AAA Member ${stamp}`,
      kind: "community",
      showMembership: true,
    });
    // A member that keeps its membership private (issue 11): counted, never named as either.
    const quiet = await buildOrganization(db, { name: `AAA Quiet ${stamp}`, kind: "community" });
    const lapsed = await buildOrganization(db, { name: `AAA Lapsed ${stamp}`, kind: "community" });
    const participant = await buildOrganization(db, {
      name: `AAA Participant ${stamp}`,
      kind: "institution",
    });
    const base = { tierId: tier!.id, method: "subsidy" as const, amountMinor: 0, currency: "USD" };
    await db.insert(memberships).values([
      { ...base, organizationId: member.id, status: "active" },
      { ...base, organizationId: quiet.id, status: "past_due" },
      { ...base, organizationId: lapsed.id, status: "expired" },
    ]);

    const after = await networkStats(db);
    expect(after.communities - before.communities).toBe(2);
    expect(after.institutions - before.institutions).toBe(0);
    expect(after.participating - before.participating).toBe(2);

    const members = await listPublicOrganizations(db, { page: 1, standing: "member" });
    expect(members.organizations.every((o) => o.isMember)).toBe(true);
    expect(members.organizations.map((o) => o.id)).toContain(member.id);
    const others = await listPublicOrganizations(db, { page: 1, standing: "participating" });
    const ids = others.organizations.map((o) => o.id);
    expect(ids).not.toContain(member.id);
    expect(ids).not.toContain(quiet.id);
    expect(members.organizations.map((o) => o.id)).not.toContain(quiet.id);
    const listedQuiet = (await listPublicOrganizations(db, { page: 1 })).organizations.find(
      (o) => o.id === quiet.id,
    );
    expect(listedQuiet).toMatchObject({ isMember: false, isParticipant: false });
    expect(others.organizations.every((o) => !o.isMember)).toBe(true);
    expect(
      (
        await listPublicOrganizations(db, { page: 1, kind: "institution", standing: "participating" })
      ).organizations.map((o) => o.id),
    ).toContain(participant.id);
    // Members come first when everyone is listed.
    const everyone = await listPublicOrganizations(db, { page: 1 });
    const firstParticipant = everyone.organizations.findIndex((o) => !o.isMember);
    expect(everyone.organizations.slice(firstParticipant).every((o) => !o.isMember)).toBe(true);
    expect((await db.select().from(organizations).where(eq(organizations.id, lapsed.id))).length).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { addMember, buildOrganization, buildUser } from "#tests/factories";
import { ValidationError } from "~/lib/errors";
import { loadOrganizationFor, updateOrganization } from "./organizations.server";

// Issue 12, item 14: an admin relabelled an institution as a community to apply for a
// subsidised seat. The kind is staff's call; everything else stays the admin's.

const db = getDb();

describe("editing an organization", () => {
  it("an admin cannot change its kind, and can change the rest", async () => {
    const organization = await buildOrganization(db, { kind: "institution", name: "Big University" });
    const admin = await buildUser(db, { passwordHash: "x" });
    await addMember(db, organization.id, admin.id, "owner");
    const context = await loadOrganizationFor(
      db,
      organization.slug,
      { id: admin.id, isStaff: false },
      "edit",
    );
    const input = {
      name: "Big University",
      slug: organization.slug,
      kind: "community" as const,
      description: "",
      isPublic: true,
      showMembership: false,
    };
    const refused = await updateOrganization(db, context, input).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors.kind?.[0]).toMatch(/Only Commons staff/);
    const renamed = await updateOrganization(db, context, {
      ...input,
      kind: "institution",
      name: "Bigger University",
    });
    expect(renamed).toMatchObject({ kind: "institution", name: "Bigger University" });
  });
});

describe("creating organizations (issue 12, items 5 and 10)", () => {
  const input = (slug: string) => ({
    name: "Probe",
    slug,
    kind: "community" as const,
    description: "",
    isPublic: true,
    showMembership: false,
  });

  it("says an address is unavailable without naming anyone, and stops a sweep for hidden organizations after twenty", async () => {
    const { createOrganization } = await import("./organizations.server");
    const hidden = await buildOrganization(db, { isPublic: false });
    const prober = await buildUser(db, { passwordHash: "x" });
    const actor = { id: prober.id, isStaff: false };
    const answer = async (slug: string) =>
      ((await createOrganization(db, actor, input(slug)).catch((e: unknown) => e)) as ValidationError)
        .fieldErrors;
    for (let i = 0; i < 20; i++)
      expect((await answer(hidden.slug)).slug).toEqual(["This address is not available. Choose another."]);
    // The twenty-first probe is refused before the address is looked up, taken or not.
    expect((await answer(hidden.slug)).slug?.[0]).toMatch(/Too many addresses tried today/);
    expect((await answer(`free-${Date.now()}`)).slug?.[0]).toMatch(/Too many addresses tried today/);
  });

  it("staff are not limited to three a day", async () => {
    const { createOrganization } = await import("./organizations.server");
    const staff = await buildUser(db, { passwordHash: "x", isStaff: true });
    const stamp = Date.now().toString(36);
    for (let i = 0; i < 4; i++)
      await expect(
        createOrganization(db, { id: staff.id, isStaff: true }, input(`staff-made-${stamp}-${i}`)),
      ).resolves.toMatchObject({ slug: `staff-made-${stamp}-${i}` });
  });
});

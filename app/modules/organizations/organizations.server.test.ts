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

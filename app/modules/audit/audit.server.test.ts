import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { buildOrganization } from "#tests/factories";
import { type AuditEntry, InvalidAuditEntryError, recordAudit } from "./audit.server";

const db = getDb();

async function rowsFor(subjectId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId));
}

describe("recordAudit (issue 13, section 3)", () => {
  it("writes an action whose details match its schema", async () => {
    const organization = await buildOrganization(db);
    await recordAudit(db, {
      actorId: null,
      action: "member.role_changed",
      subjectType: "user",
      subjectId: "typed-1",
      organizationId: organization.id,
      details: { from: "member", to: "admin" },
    });
    await recordAudit(db, {
      actorId: null,
      action: "endorsement.withdrawn",
      subjectType: "initiative",
      subjectId: "typed-1",
    });
    const rows = await rowsFor("typed-1");
    expect(rows.map((r) => [r.action, r.details])).toEqual(
      expect.arrayContaining([
        ["member.role_changed", { from: "member", to: "admin" }],
        ["endorsement.withdrawn", {}],
      ]),
    );
  });

  it("refuses an action the vocabulary does not know, and writes nothing", async () => {
    const entry = {
      actorId: null,
      action: "hub.renamed",
      subjectType: "hub",
      subjectId: "typed-2",
      details: { name: "x" },
    } as unknown as AuditEntry<"hub.created">;
    await expect(recordAudit(db, entry)).rejects.toThrow(InvalidAuditEntryError);
    await expect(recordAudit(db, entry)).rejects.toThrow('Unknown audit action "hub.renamed"');
    expect(await rowsFor("typed-2")).toEqual([]);
  });

  it("refuses details that do not match the action's schema, and writes nothing", async () => {
    const base = { actorId: null, subjectType: "hub", subjectId: "typed-3" } as const;
    // A missing field, a wrong type, a value outside its enum and an unknown key.
    const malformed = [
      { action: "hub.created", details: { name: "Teaching Hub" } },
      { action: "matching.pool-transfer", details: { amountMinor: "100", currency: "USD", reason: "r" } },
      { action: "member.left", details: { role: "superuser" } },
      { action: "hub.deleted", details: { name: "a", url: "b", secret: "c" } },
    ];
    for (const { action, details } of malformed) {
      const entry = { ...base, action, details } as unknown as AuditEntry<"hub.created">;
      await expect(recordAudit(db, entry)).rejects.toThrow(
        new RegExp(`Audit details for "${action.replace(".", "\\.")}" do not match its schema`),
      );
    }
    expect(await rowsFor("typed-3")).toEqual([]);
  });

  it("rolls back the change it records when its audit row is refused", async () => {
    const organization = await buildOrganization(db);
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, {
          actorId: null,
          action: "organization.logo-removed",
          subjectType: "organization",
          subjectId: "typed-4",
          organizationId: organization.id,
        });
        await recordAudit(tx, {
          actorId: null,
          action: "organization.created",
          subjectType: "organization",
          subjectId: "typed-4",
          organizationId: organization.id,
          details: { name: "Ocean Lab", kind: "company" } as unknown as { name: string; kind: "community" },
        });
      }),
    ).rejects.toThrow(InvalidAuditEntryError);
    expect(await rowsFor("typed-4")).toEqual([]);
  });

  it("is checked by the compiler too", () => {
    // Never run: these calls only have to fail typecheck (npx tsc --noEmit).
    const typecheckOnly = () => [
      // @ts-expect-error an unknown action
      recordAudit(db, { actorId: null, action: "hub.renamed", subjectType: "hub", subjectId: "x" }),
      recordAudit(db, {
        actorId: null,
        action: "hub.created",
        subjectType: "hub",
        subjectId: "x",
        // @ts-expect-error details of the wrong shape
        details: { name: "Teaching Hub" },
      }),
      // @ts-expect-error details are required when the action has them
      recordAudit(db, {
        actorId: null,
        action: "invitation.revoked",
        subjectType: "invitation",
        subjectId: "x",
      }),
    ];
    expect(typeof typecheckOnly).toBe("function");
  });
});

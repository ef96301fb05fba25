import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { addMember, buildOrganization, buildUser } from "#tests/factories";
import { startFakeHub } from "#tests/mocks/fake-hub";
import { ForbiddenError } from "~/lib/errors";
import { loadOrganizationFor } from "~/modules/organizations/organizations.server";
import { checkHub, isPublicAddress } from "./hub-check.server";
import { createHub, getHub, runHubCheck, updateHub } from "./hubs.server";
import { hubSchema } from "./schemas";

const db = getDb();
let fakeHub: Awaited<ReturnType<typeof startFakeHub>>;
beforeAll(async () => {
  fakeHub = await startFakeHub();
});
afterAll(() => fakeHub.stop());

async function adminContext(role: "admin" | "member" = "admin") {
  const organization = await buildOrganization(db);
  const user = await buildUser(db, { passwordHash: "x" });
  await addMember(db, organization.id, user.id, role);
  return loadOrganizationFor(db, organization.slug, { id: user.id, isStaff: false }, "view");
}

const hubInput = (url: string) =>
  hubSchema.parse({
    name: "Teaching Hub",
    url,
    description: "",
    region: "eu",
    status: "active",
    userCount: "120",
    usersReportedOn: "2026-10-01",
  });

describe("hub check", () => {
  it("records the JupyterHub version of a hub that answers /hub/api", async () => {
    const context = await adminContext();
    const hub = await createHub(db, context, hubInput(fakeHub.url));
    const result = await runHubCheck(db, context, hub.id);
    expect(result).toMatchObject({ ok: true, version: "5.2.1" });
    const reloaded = await getHub(db, context, hub.id);
    expect(reloaded.jupyterhubVersion).toBe("5.2.1");
    expect(reloaded.lastSeenAt).not.toBeNull();
  });

  it("says clearly when the address is not a JupyterHub, or cannot be reached", async () => {
    const notHub = await checkHub(`${fakeHub.url}/not-a-hub`, { allowPrivate: true });
    expect(notHub).toMatchObject({ ok: false, reason: "not-jupyterhub" });
    const closed = await checkHub("http://127.0.0.1:1", { allowPrivate: true });
    expect(closed).toMatchObject({ ok: false, reason: "unreachable" });
  });

  it("gives up on a hub that does not answer within the timeout", async () => {
    const slow = await checkHub(`${fakeHub.url}/slow`, { allowPrivate: true });
    expect(slow).toMatchObject({ ok: false, reason: "unreachable" });
    expect(slow.ok === false && slow.message).toMatch(/did not answer/);
  }, 15_000);

  it("outside development and tests refuses http and private or loopback addresses", async () => {
    expect(await checkHub(fakeHub.url, { allowPrivate: false })).toMatchObject({ reason: "refused" });
    expect(await checkHub("https://127.0.0.1", { allowPrivate: false })).toMatchObject({ reason: "refused" });
    expect(await checkHub("https://[::1]", { allowPrivate: false })).toMatchObject({ reason: "refused" });
    expect(await checkHub("https://localhost", { allowPrivate: false })).toMatchObject({ reason: "refused" });
    expect(isPublicAddress("10.1.2.3")).toBe(false);
    expect(isPublicAddress("192.168.0.1")).toBe(false);
    expect(isPublicAddress("169.254.169.254")).toBe(false);
    expect(isPublicAddress("::ffff:127.0.0.1")).toBe(false);
    expect(isPublicAddress("93.184.216.34")).toBe(true);
    // IPv6 forms that carry an IPv4 address a gateway may turn into a private one (issue 12, item 14).
    expect(isPublicAddress("::7f00:1")).toBe(false);
    expect(isPublicAddress("::a9fe:a9fe")).toBe(false);
    expect(isPublicAddress("64:ff9b::a00:1")).toBe(false);
    expect(isPublicAddress("64:ff9b:1::a00:1")).toBe(false);
    expect(isPublicAddress("2606:4700::1111")).toBe(true);
  });
});

describe("hubs", () => {
  it("only admins may register hubs", async () => {
    const context = await adminContext("member");
    await expect(createHub(db, context, hubInput("https://hub.example.org"))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("creating, retiring and checking a hub each write an audit row", async () => {
    const context = await adminContext();
    const hub = await createHub(db, context, hubInput(fakeHub.url));
    await updateHub(db, context, hub.id, { ...hubInput(fakeHub.url), status: "retired" });
    await runHubCheck(db, context, hub.id);
    const rows = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, hub.id))
      .orderBy(desc(auditEvents.createdAt));
    expect(rows.map((r) => r.action).sort()).toEqual(["hub.checked", "hub.created", "hub.retired"]);
    expect(rows.every((r) => r.actorId === context.actor.userId)).toBe(true);
  });

  it("validates the form with messages at each field", () => {
    const result = hubSchema.safeParse({
      name: "",
      url: "not a url",
      userCount: "-3",
      usersReportedOn: "2999-01-01",
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "url", "userCount", "usersReportedOn"]));
  });
});

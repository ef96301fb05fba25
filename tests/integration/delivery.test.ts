import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents, deliveryReports, hubs, initiatives, initiativeTransitions, rollouts } from "#db/schema";
import { startFakeHub } from "#tests/mocks/fake-hub";
import { ConflictError, ForbiddenError, NotFoundError, type ValidationError } from "~/lib/errors";
import { reachOfOne } from "~/modules/credits/rollouts.server";
import {
  addDeliverable,
  addMilestone,
  closeDelivery,
  deliveryRecord,
} from "~/modules/delivery/delivery.server";
import {
  reportRollout,
  sweepRollouts,
  verifyRolloutsOfHub,
  withdrawRollout,
} from "~/modules/delivery/rollouts.server";
import { deliverableSchema, reportSchema } from "~/modules/delivery/schemas";
import { createHub, runHubCheck } from "~/modules/hubs/hubs.server";
import { hubSchema } from "~/modules/hubs/schemas";
import { changeStatus } from "~/modules/initiatives/initiatives.server";
import { loadOrganizationFor } from "~/modules/organizations/organizations.server";
import {
  accessFor,
  fundedInitiative,
  hubOf,
  organizationWithPeople,
  projectId,
  staffUser,
} from "./credit-helpers";

// Issue 11, section 1: deliverables, the final report and verified rollouts.

const db = getDb();
let fakeHub: Awaited<ReturnType<typeof startFakeHub>>;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  fakeHub = await startFakeHub(0, "5.1.0");
});
afterAll(async () => {
  await fakeHub.stop();
});

const deliverable = async (fields: Record<string, string>) =>
  deliverableSchema.parse({
    kind: "pull_request",
    title: "Retry-safe database upgrades",
    url: "https://github.com/jupyterhub/jupyterhub/pull/1",
    deliveredOn: today,
    ...fields,
  });

describe("recording the work", () => {
  it("lets staff and the proposing organization's admins record, and nobody else", async () => {
    const lead = await organizationWithPeople("Lead Lab");
    const other = await organizationWithPeople("Other Lab");
    const staff = await staffUser();
    const initiative = await fundedInitiative(lead, "in_progress", [{ by: other, amount: 50_000 }]);

    const byAdmin = await accessFor(initiative.slug, lead.admin);
    await addMilestone(
      db,
      byAdmin,
      { userId: lead.admin.id, isStaff: false },
      {
        title: "Design agreed",
        description: "",
        dueOn: null,
        reachedOn: today,
      },
    );
    await addDeliverable(
      db,
      await accessFor(initiative.slug, staff),
      { userId: staff.id, isStaff: true },
      await deliverable({}),
    );

    // A plain member of the lead, and an admin of another organization (a funder), are refused.
    for (const viewer of [lead.member, other.admin]) {
      const access = await accessFor(initiative.slug, viewer);
      await expect(
        addDeliverable(
          db,
          access,
          { userId: viewer.id, isStaff: false },
          await deliverable({ title: "Forged" }),
        ),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const record = await deliveryRecord(db, initiative.id);
    expect(record.milestones.map((m) => m.title)).toEqual(["Design agreed"]);
    expect(record.deliverables.map((d) => d.title)).toEqual(["Retry-safe database upgrades"]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, initiative.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["milestone.added", "deliverable.added"]),
    );
  });

  it("refuses what an upstream link must not be, at the field", () => {
    const refused = deliverableSchema.safeParse({
      kind: "release",
      title: "A release",
      url: "javascript:alert(1)",
      deliveredOn: "2999-01-01",
    });
    expect(refused.success).toBe(false);
    const fields = refused.error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["url", "deliveredOn", "releaseVersion"]));
    expect(
      deliverableSchema.safeParse({
        kind: "pull_request",
        title: "x y z",
        url: "http://plain.example.org",
        deliveredOn: today,
      }).success,
    ).toBe(false);
  });

  it("closes as delivered only with a deliverable and a report, once, and only through the report", async () => {
    const lead = await organizationWithPeople("Closing Lab");
    const staff = await staffUser();
    const initiative = await fundedInitiative(lead, "in_progress", [{ by: lead, amount: 40_000 }]);
    const access = () => accessFor(initiative.slug, staff);
    const by = { userId: staff.id, isStaff: true };
    const report = reportSchema.parse({
      confirm: "on",
      outcome: "delivered",
      delivered: "Retry-safe upgrades, released in JupyterHub 5.2.0.",
    });

    // Staff cannot mark it delivered through the decision form: the transition is the report's.
    await expect(
      changeStatus(db, { userId: staff.id, isStaff: true }, initiative.id, { to: "delivered" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // Nothing delivered yet: refused at the outcome, and nothing half-written.
    const noDeliverable = await closeDelivery(db, await access(), by, report).catch((e: unknown) => e);
    expect((noDeliverable as ValidationError).fieldErrors.outcome?.[0]).toMatch(/at least one deliverable/);
    expect(
      await db.select().from(deliveryReports).where(eq(deliveryReports.initiativeId, initiative.id)),
    ).toEqual([]);
    // The lead's admin may record but not close.
    await expect(
      closeDelivery(
        db,
        await accessFor(initiative.slug, lead.admin),
        { userId: lead.admin.id, isStaff: false },
        report,
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);

    await addDeliverable(db, await access(), by, await deliverable({}));
    await closeDelivery(db, await access(), by, report);
    const [after] = await db.select().from(initiatives).where(eq(initiatives.id, initiative.id));
    expect(after!.status).toBe("delivered");
    const [transition] = await db
      .select()
      .from(initiativeTransitions)
      .where(eq(initiativeTransitions.initiativeId, initiative.id));
    expect(transition).toMatchObject({ toStatus: "delivered", isPublic: true, rationale: report.delivered });

    // A second report (a double submit, another tab) is refused; the first stands.
    const again = await closeDelivery(db, await accessFor(initiative.slug, staff), by, report).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(ForbiddenError);
  });

  it("closes a funded initiative as not delivered, with the public rationale", async () => {
    const lead = await organizationWithPeople("Stalled Lab");
    const staff = await staffUser();
    const initiative = await fundedInitiative(lead, "funded", [{ by: lead, amount: 30_000 }]);
    const by = { userId: staff.id, isStaff: true };
    const short = reportSchema.safeParse({ confirm: "on", outcome: "not_delivered", notDelivered: "short" });
    expect(short.error?.issues.map((i) => i.path.join("."))).toEqual(["notDelivered"]);
    await closeDelivery(
      db,
      await accessFor(initiative.slug, staff),
      by,
      reportSchema.parse({
        confirm: "on",
        outcome: "not_delivered",
        notDelivered: "The maintainers took another approach; the money is returned to the funders.",
      }),
    );
    const [after] = await db.select().from(initiatives).where(eq(initiatives.id, initiative.id));
    expect(after!.status).toBe("not_delivered");
  });

  it("keeps one report when two closes race", async () => {
    const lead = await organizationWithPeople("Race Lab");
    const staff = await staffUser();
    const initiative = await fundedInitiative(lead, "in_progress", [{ by: lead, amount: 30_000 }]);
    const by = { userId: staff.id, isStaff: true };
    await addDeliverable(db, await accessFor(initiative.slug, staff), by, await deliverable({}));
    const report = reportSchema.parse({
      confirm: "on",
      outcome: "delivered",
      delivered: "Everything in the plan, released upstream.",
    });
    const accesses = await Promise.all([
      accessFor(initiative.slug, staff),
      accessFor(initiative.slug, staff),
    ]);
    const results = await Promise.allSettled(accesses.map((a) => closeDelivery(db, a, by, report)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(
      await db.select().from(deliveryReports).where(eq(deliveryReports.initiativeId, initiative.id)),
    ).toHaveLength(1);
  });
});

describe("rollouts", () => {
  it("verifies a rollout when the hub's own version includes the release, and records when it first saw it", async () => {
    const lead = await organizationWithPeople("JupyterHub Lead");
    const runner = await organizationWithPeople("Hub Runner");
    const staff = await staffUser();
    const initiative = await fundedInitiative(lead, "in_progress", [{ by: runner, amount: 60_000 }]);
    await addDeliverable(
      db,
      await accessFor(initiative.slug, staff),
      { userId: staff.id, isStaff: true },
      await deliverable({ projectId: await projectId("jupyterhub"), releaseVersion: "5.2.0" }),
    );
    const hub = await hubOf(runner, { url: `${fakeHub.url}/jupyter`, userCount: 250 });
    const context = await loadOrganizationFor(db, runner.organization.slug, runner.admin, "manage-hubs");

    // A plain member cannot report; an admin of another organization cannot report this hub.
    await expect(
      reportRollout(db, runner.member, initiative.id, { hubId: hub.id, reportedOn: today }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      reportRollout(db, lead.admin, initiative.id, { hubId: hub.id, reportedOn: today }),
    ).rejects.toBeInstanceOf(NotFoundError);

    // The hub runs 5.1.0: reported, not verified.
    await runHubCheck(db, context, hub.id);
    const reported = await reportRollout(db, runner.admin, initiative.id, {
      hubId: hub.id,
      reportedOn: today,
    });
    expect(reported.status).toBe("reported");
    await expect(
      reportRollout(db, runner.admin, initiative.id, { hubId: hub.id, reportedOn: today }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await reachOfOne(db, initiative.id)).toEqual({ hubs: 1, verified: 0, users: 250 });

    // A pre-release of 5.2.0 does not include 5.2.0.
    fakeHub.setVersion("5.2.0b1");
    await runHubCheck(db, context, hub.id);
    expect(await verifyRolloutsOfHub(db, hub.id)).toBe(0);

    // Upgraded: the next check verifies it, dated by that check.
    fakeHub.setVersion("5.2.1");
    const check = await runHubCheck(db, context, hub.id);
    expect(await verifyRolloutsOfHub(db, hub.id)).toBe(1);
    const [row] = await db.select().from(rollouts).where(eq(rollouts.id, reported.id));
    expect(row).toMatchObject({ status: "verified", verifiedVersion: "5.2.1" });
    expect(row!.verifiedAt!.getTime()).toBe(check.checkedAt.getTime());
    expect(await reachOfOne(db, initiative.id)).toEqual({ hubs: 1, verified: 1, users: 250 });

    // Checked again later: the date it was first seen stays.
    await runHubCheck(db, context, hub.id);
    await verifyRolloutsOfHub(db, hub.id);
    const [still] = await db.select().from(rollouts).where(eq(rollouts.id, reported.id));
    expect(still!.verifiedAt!.getTime()).toBe(check.checkedAt.getTime());
  });

  it("lets the daily sweep check waiting hubs and verify them", async () => {
    const lead = await organizationWithPeople("Sweep Lead");
    const runner = await organizationWithPeople("Sweep Runner");
    const staff = await staffUser();
    const initiative = await fundedInitiative(lead, "delivered", [{ by: runner, amount: 60_000 }]);
    await addDeliverable(
      db,
      await accessFor(initiative.slug, staff),
      { userId: staff.id, isStaff: true },
      await deliverable({ projectId: await projectId("jupyterhub"), releaseVersion: "5.2.0" }),
    );
    fakeHub.setVersion("5.1.0");
    const hub = await hubOf(runner, { url: fakeHub.url });
    const reported = await reportRollout(db, runner.admin, initiative.id, {
      hubId: hub.id,
      reportedOn: today,
    });
    expect(reported.status).toBe("reported");
    fakeHub.setVersion("5.3.0");
    const swept = await sweepRollouts(db);
    expect(swept.verified).toBeGreaterThanOrEqual(1);
    const [row] = await db.select().from(rollouts).where(eq(rollouts.id, reported.id));
    expect(row!.status).toBe("verified");
    const [seen] = await db.select().from(hubs).where(eq(hubs.id, hub.id));
    expect(seen!.jupyterhubVersion).toBe("5.3.0");
  });

  it("shows a rollout without a JupyterHub release as reported, and lets its organization withdraw it", async () => {
    const lead = await organizationWithPeople("Docs Lead");
    const runner = await organizationWithPeople("Docs Runner");
    const initiative = await fundedInitiative(lead, "delivered", [{ by: runner, amount: 20_000 }]);
    const hub = await hubOf(runner, { jupyterhubVersion: "9.9.9", lastSeenAt: new Date() });
    const reported = await reportRollout(db, runner.admin, initiative.id, {
      hubId: hub.id,
      reportedOn: today,
    });
    expect(reported.status).toBe("reported");
    await expect(withdrawRollout(db, lead.admin, reported.id)).rejects.toBeInstanceOf(NotFoundError);
    await withdrawRollout(db, runner.admin, reported.id);
    expect(await db.select().from(rollouts).where(eq(rollouts.id, reported.id))).toEqual([]);
  });

  it("refuses rollouts before anything is delivered", async () => {
    const lead = await organizationWithPeople("Early Lead");
    const initiative = await fundedInitiative(lead, "funded", [{ by: lead, amount: 20_000 }]);
    const hub = await hubOf(lead);
    await expect(
      reportRollout(db, lead.admin, initiative.id, { hubId: hub.id, reportedOn: today }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("the hub address people paste", () => {
  it("stores the hub's root, whatever page of the hub was pasted", async () => {
    const owner = await organizationWithPeople("Paste Lab");
    const context = await loadOrganizationFor(db, owner.organization.slug, owner.admin, "manage-hubs");
    const hub = await createHub(
      db,
      context,
      hubSchema.parse({
        name: "Teaching",
        url: `${fakeHub.url}/jupyter/hub/login?next=%2Fjupyter%2Fhub%2Fhome`,
      }),
    );
    expect(hub.url).toBe(`${fakeHub.url}/jupyter`);
    fakeHub.setVersion("5.2.1");
    expect(await runHubCheck(db, context, hub.id)).toMatchObject({ ok: true, version: "5.2.1" });
  });
});

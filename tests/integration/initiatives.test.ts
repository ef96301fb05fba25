import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import {
  emailMessages,
  endorsements,
  type InitiativeStatus,
  initiatives,
  initiativeTransitions,
  upstreamProjects,
} from "#db/schema";
import { addMember, buildHub, buildOrganization, buildUser } from "#tests/factories";
import { ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from "~/lib/errors";
import { listCatalog } from "~/modules/initiatives/catalog.server";
import { markDuplicate } from "~/modules/initiatives/duplicates.server";
import { endorse, withdrawEndorsement } from "~/modules/initiatives/endorsements.server";
import { changeStatus, loadInitiative } from "~/modules/initiatives/initiatives.server";
import { deliverNotice } from "~/modules/initiatives/notices.server";
import { createProposal } from "~/modules/initiatives/proposal.server";
import { proposalSchema } from "~/modules/initiatives/schemas";
import { listReviews, saveReview } from "~/modules/initiatives/triage.server";
import { TRANSITIONS } from "~/modules/initiatives/workflow";
import { stopBoss } from "~/modules/jobs/boss.server";
import { startWorker } from "~/modules/jobs/worker.server";
import { savePreferences, userOfUnsubscribeToken } from "~/modules/notifications/preferences.server";
import { loadOrganizationFor } from "~/modules/organizations/organizations.server";
import { closeLapsedInitiatives } from "~/modules/pledges/deadline.server";
import { eventually } from "./stripe-harness";

const db = getDb();
const text = (what: string) => `${what}: ${"a careful description of the need and the work. ".repeat(2)}`;

beforeAll(async () => {
  await startWorker();
});
afterAll(async () => {
  await stopBoss();
});

async function community(name: string, hubUsers: number[] = [100]) {
  const organization = await buildOrganization(db, { name, kind: "community" });
  const admin = await buildUser(db, { passwordHash: "x" });
  await addMember(db, organization.id, admin.id, "owner");
  const hubs = [];
  // Hubs that answered a check: the organization has standing, so it counts as demand.
  for (const userCount of hubUsers)
    hubs.push(await buildHub(db, organization.id, { userCount, lastSeenAt: new Date() }));
  return { organization, admin, viewer: { id: admin.id, isStaff: false }, hubs };
}

async function project() {
  const [row] = await db
    .insert(upstreamProjects)
    .values({ slug: `jupyterhub-${Math.random().toString(36).slice(2)}`, name: "JupyterHub" })
    .returning();
  return row!;
}

async function propose(
  proposer: Awaited<ReturnType<typeof community>>,
  overrides: Record<string, unknown> = {},
  submit = true,
) {
  const form = proposalSchema.parse({
    title: "Shared GPU quota dashboard",
    summary: "One dashboard that shows every hub's GPU quota and use.",
    problem: text("Problem"),
    solution: text("Solution"),
    plan: text("Plan"),
    size: "M",
    projectIds: [(await project()).id],
    hubIds: proposer.hubs.map((h) => h.id),
    ...overrides,
  });
  const context = await loadOrganizationFor(db, proposer.organization.slug, proposer.viewer, "propose");
  return createProposal(db, context, form, { submit });
}

async function staffMember() {
  const user = await buildUser(db, { passwordHash: "x", isStaff: true });
  return { user, actor: { userId: user.id, isStaff: true }, viewer: { id: user.id, isStaff: true } };
}

const openInput = (days = 30) => ({
  to: "open" as const,
  rationale: "High leverage: every hub in the network asked for this.",
  goal: "30000",
  minBackers: 3,
  pledgeDeadline: new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10),
});

describe("the initiative workflow", () => {
  it("allows every transition in the table, recording actor, time and rationale", async () => {
    const proposer = await community("Workflow Commons");
    const staff = await staffMember();
    for (const rule of TRANSITIONS) {
      const initiative = await propose(proposer, {}, false);
      await db
        .update(initiatives)
        .set({ status: rule.from, reviewStartedAt: new Date() })
        .where(eq(initiatives.id, initiative.id));
      const actor = rule.by.includes("staff")
        ? staff.actor
        : rule.by.includes("proposer")
          ? { userId: proposer.admin.id, isStaff: false }
          : { userId: null, isStaff: false, system: true };
      const change = rule.opensForPledges
        ? openInput()
        : { to: rule.to, rationale: rule.rationale ? "Because the network decided so, in public." : "" };
      const updated = await changeStatus(db, actor, initiative.id, change);
      expect(updated.status, `${rule.from} → ${rule.to}`).toBe(rule.to);
      const [transition] = await db
        .select()
        .from(initiativeTransitions)
        .where(eq(initiativeTransitions.initiativeId, initiative.id));
      expect(transition).toMatchObject({
        fromStatus: rule.from,
        toStatus: rule.to,
        actorId: actor.userId,
        isPublic: rule.public,
      });
      expect(transition!.createdAt).toBeInstanceOf(Date);
    }
  });

  it.each<[InitiativeStatus, InitiativeStatus]>([
    ["draft", "open"],
    ["draft", "in_review"],
    ["submitted", "funded"],
    ["in_review", "delivered"],
    ["open", "in_review"],
    ["funded", "withdrawn"],
    ["delivered", "open"],
    ["declined", "submitted"],
    ["withdrawn", "submitted"],
    ["expired", "open"],
  ])("refuses %s → %s", async (from, to) => {
    const proposer = await community(`Refusals ${from}`);
    const staff = await staffMember();
    const initiative = await propose(proposer, {}, false);
    await db.update(initiatives).set({ status: from }).where(eq(initiatives.id, initiative.id));
    await expect(
      changeStatus(db, staff.actor, initiative.id, { to, rationale: "x".repeat(20) }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
    const [row] = await db.select().from(initiatives).where(eq(initiatives.id, initiative.id));
    expect(row!.status).toBe(from);
  });

  it("keeps staff decisions with staff and withdrawal with the proposer", async () => {
    const proposer = await community("Roles Commons");
    const outsider = await community("Outsider Commons");
    const staff = await staffMember();
    const initiative = await propose(proposer);
    await expect(
      changeStatus(db, { userId: proposer.admin.id, isStaff: false }, initiative.id, { to: "in_review" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      changeStatus(db, { userId: outsider.admin.id, isStaff: false }, initiative.id, { to: "withdrawn" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeStatus(db, staff.actor, initiative.id, { to: "withdrawn" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await changeStatus(db, { userId: proposer.admin.id, isStaff: false }, initiative.id, { to: "withdrawn" });
  });

  it("a plain member cannot withdraw the organization's open initiative for good; an admin can (issue 12, item 8)", async () => {
    const proposer = await community("Member Commons");
    const staff = await staffMember();
    const member = await buildUser(db, { passwordHash: "x" });
    await addMember(db, proposer.organization.id, member.id, "member");
    const initiative = await propose(proposer);
    await changeStatus(db, staff.actor, initiative.id, { to: "in_review" });
    await changeStatus(db, staff.actor, initiative.id, openInput());
    const refused = await changeStatus(db, { userId: member.id, isStaff: false }, initiative.id, {
      to: "withdrawn",
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as Error).message).toMatch(/Only an admin or owner/);
    const [still] = await db.select().from(initiatives).where(eq(initiatives.id, initiative.id));
    expect(still!.status).toBe("open");
    await changeStatus(db, { userId: proposer.admin.id, isStaff: false }, initiative.id, { to: "withdrawn" });
  });

  it("requires goal, backers, a future deadline and a rationale to open, and a rationale to decline", async () => {
    const proposer = await community("Requirements Commons");
    const staff = await staffMember();
    const initiative = await propose(proposer);
    await changeStatus(db, staff.actor, initiative.id, { to: "in_review" });
    const refused = await changeStatus(db, staff.actor, initiative.id, {
      to: "open",
      goal: "",
      minBackers: "",
      pledgeDeadline: "2020-01-01",
      rationale: "",
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(Object.keys((refused as ValidationError).fieldErrors).sort()).toEqual([
      "goal",
      "minBackers",
      "pledgeDeadline",
      "rationale",
    ]);
    await expect(
      changeStatus(db, staff.actor, initiative.id, { to: "declined", rationale: "" }),
    ).rejects.toBeInstanceOf(ValidationError);
    const opened = await changeStatus(db, staff.actor, initiative.id, openInput());
    expect(opened).toMatchObject({ status: "open", goalMinor: 3_000_000, minBackers: 3 });
  });

  it("refuses to submit an incomplete draft, with errors at each field", async () => {
    const proposer = await community("Incomplete Commons");
    const refused = await propose(proposer, {
      summary: "",
      problem: "short",
      size: "",
      projectIds: [],
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(Object.keys((refused as ValidationError).fieldErrors).sort()).toEqual([
      "problem",
      "projectIds",
      "size",
      "summary",
    ]);
    // The draft itself was kept.
    const [draft] = await db
      .select()
      .from(initiatives)
      .where(eq(initiatives.organizationId, proposer.organization.id));
    expect(draft!.status).toBe("draft");
  });

  it("expires open initiatives whose pledge deadline passed", async () => {
    const proposer = await community("Expiry Commons");
    const staff = await staffMember();
    const initiative = await propose(proposer);
    await changeStatus(db, staff.actor, initiative.id, { to: "in_review" });
    await changeStatus(db, staff.actor, initiative.id, openInput());
    await db
      .update(initiatives)
      .set({ pledgeDeadline: new Date(Date.now() - 1000) })
      .where(eq(initiatives.id, initiative.id));
    expect(await closeLapsedInitiatives(db)).toContain("expired");
    const [row] = await db.select().from(initiatives).where(eq(initiatives.id, initiative.id));
    expect(row!.status).toBe("expired");
  });
});

describe("visibility", () => {
  it("hides drafts, submitted proposals and those declined before review from everyone but their organization and staff", async () => {
    const proposer = await community("Private Commons");
    const outsider = await community("Curious Commons");
    const staff = await staffMember();
    const initiative = await propose(proposer);
    await expect(loadInitiative(db, initiative.slug, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadInitiative(db, initiative.slug, outsider.viewer)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadInitiative(db, initiative.slug, proposer.viewer)).resolves.toBeTruthy();
    await expect(loadInitiative(db, initiative.slug, staff.viewer)).resolves.toBeTruthy();
    await changeStatus(db, staff.actor, initiative.id, {
      to: "declined",
      rationale: "Out of scope for the network this year.",
    });
    await expect(loadInitiative(db, initiative.slug, null)).rejects.toBeInstanceOf(NotFoundError);

    const reviewed = await propose(proposer, { title: "Reviewed then declined" });
    await changeStatus(db, staff.actor, reviewed.id, { to: "in_review" });
    await changeStatus(db, staff.actor, reviewed.id, {
      to: "declined",
      rationale: "Reviewed in public; the leverage is too low.",
    });
    await expect(loadInitiative(db, reviewed.slug, null)).resolves.toBeTruthy();
  });
});

describe("endorsements and the demand signal", () => {
  it("counts organizations, hubs and their users, and drops a withdrawn endorsement", async () => {
    const proposer = await community("Demand Commons", [100]);
    const second = await community("Second Commons", [250, 50]);
    const third = await community("Third Commons", [1000]);
    const staff = await staffMember();
    const initiative = await propose(proposer);
    await expect(
      endorse(db, second.viewer, initiative.id, {
        organizationId: second.organization.id,
        hubIds: [],
        note: "",
      }),
    ).rejects.toBeInstanceOf(NotFoundError); // not public yet
    await changeStatus(db, staff.actor, initiative.id, { to: "in_review" });
    await endorse(db, second.viewer, initiative.id, {
      organizationId: second.organization.id,
      hubIds: second.hubs.map((h) => h.id),
      note: "Our students need it.",
    });
    await endorse(db, third.viewer, initiative.id, {
      organizationId: third.organization.id,
      hubIds: [third.hubs[0]!.id],
      note: "",
    });
    let [row] = await db.select().from(initiatives).where(eq(initiatives.id, initiative.id));
    expect(row).toMatchObject({ demandOrganizations: 3, demandHubs: 4, demandUsers: 1400 });

    // Another organization's admin cannot endorse with hubs that are not theirs, or for them.
    await expect(
      endorse(db, second.viewer, initiative.id, {
        organizationId: second.organization.id,
        hubIds: [third.hubs[0]!.id],
        note: "",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      endorse(db, second.viewer, initiative.id, {
        organizationId: third.organization.id,
        hubIds: [],
        note: "",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    await withdrawEndorsement(db, third.viewer, initiative.id, third.organization.id);
    [row] = await db.select().from(initiatives).where(eq(initiatives.id, initiative.id));
    expect(row).toMatchObject({ demandOrganizations: 2, demandHubs: 3, demandUsers: 400 });
  });
});

describe("fake demand (issue 12, item 5)", () => {
  it("one account's new organizations neither move the ranking nor count until they have standing; staff see who they are", async () => {
    const { createOrganization } = await import("~/modules/organizations/organizations.server");
    const { backingSignals } = await import("~/modules/initiatives/demand.server");
    const { createMembership } = await import("~/modules/memberships/workflow");
    const { membershipTiers } = await import("#db/schema");
    const staff = await staffMember();
    const honest = await propose(await community("Honest Commons", [300]));
    const gamed = await propose(await community("Gamed Commons", [10]));
    const backer = await community("Real Backer", [500]);
    for (const initiative of [honest, gamed])
      await changeStatus(db, staff.actor, initiative.id, { to: "in_review" });
    await endorse(db, backer.viewer, honest.id, {
      organizationId: backer.organization.id,
      hubIds: backer.hubs.map((h) => h.id),
      note: "",
    });

    // One person makes organizations: three a day, then refused at the form.
    const sockpuppet = await buildUser(db, { passwordHash: "x" });
    const actor = { id: sockpuppet.id, isStaff: false };
    const stamp = Date.now().toString(36);
    const puppets: { id: string }[] = [];
    for (let i = 0; i < 3; i++)
      puppets.push(
        await createOrganization(db, actor, {
          name: `Puppet ${i}`,
          slug: `puppet-${stamp}-${i}`,
          kind: "community",
          description: "",
          isPublic: true,
          showMembership: false,
        }),
      );
    const fourth = await createOrganization(db, actor, {
      name: "Puppet 3",
      slug: `puppet-${stamp}-3`,
      kind: "community",
      description: "",
      isPublic: true,
      showMembership: false,
    }).catch((e: unknown) => e);
    expect((fourth as ValidationError).fieldErrors.form?.[0]).toMatch(/3 organizations a day/);

    // Each puppet endorses, with a hub that never answered a check: recorded, not counted.
    for (const puppet of puppets) {
      const hub = await buildHub(db, puppet.id, { userCount: 5000 });
      await endorse(db, { id: sockpuppet.id, isStaff: false }, gamed.id, {
        organizationId: puppet.id,
        hubIds: [hub.id],
        note: "We need it",
      });
    }
    const demandOf = async (id: string) =>
      (await db.select().from(initiatives).where(eq(initiatives.id, id)))[0]!;
    expect(await demandOf(gamed.id)).toMatchObject({
      demandOrganizations: 1,
      demandHubs: 1,
      demandUsers: 10,
    });
    expect(await demandOf(honest.id)).toMatchObject({ demandOrganizations: 2, demandUsers: 800 });
    // "Most demand" sorts by these stored counts: the honest proposal stays ahead.
    expect((await demandOf(honest.id)).demandOrganizations).toBeGreaterThan(
      (await demandOf(gamed.id)).demandOrganizations,
    );

    // The public list shows every endorsement and says which are not counted.
    const { listEndorsements } = await import("~/modules/initiatives/endorsements.server");
    expect((await listEndorsements(db, gamed.id)).map((e) => e.counted)).toEqual([false, false, false]);
    expect((await listEndorsements(db, honest.id)).map((e) => e.counted)).toEqual([true]);

    // Staff see it in triage: new organizations, no standing, one admin behind all three.
    const signals = await backingSignals(db, gamed.id);
    expect(signals[0]).toMatchObject({ name: "Gamed Commons", proposer: true });
    const puppetRows = signals.filter((s) => s.name.startsWith("Puppet"));
    expect(puppetRows).toHaveLength(3);
    for (const row of puppetRows) {
      expect(row).toMatchObject({ member: false, checkedHub: false });
      expect(row.sharesAdminsWith).toHaveLength(2);
      expect(Date.now() - row.createdAt.getTime()).toBeLessThan(60_000);
    }

    // A membership gives one of them standing: its endorsement counts from that moment.
    const [tier] = await db
      .insert(membershipTiers)
      .values({ name: `Seat ${stamp}`, priceMinor: 0, currency: "USD", hubsIncluded: 1, isSubsidised: true })
      .returning();
    await db.transaction((tx) =>
      createMembership(
        tx,
        {
          organizationId: puppets[0]!.id,
          tierId: tier!.id,
          status: "active",
          method: "subsidy",
          amountMinor: 0,
          currency: "USD",
        },
        { by: "staff", actorId: staff.user.id, reason: "subsidised seat" },
      ),
    );
    expect(await demandOf(gamed.id)).toMatchObject({
      demandOrganizations: 2,
      demandHubs: 2,
      demandUsers: 5010,
    });
  });
});

describe("triage", () => {
  it("flags a reviewer who belongs to an endorsing organization as conflicted", async () => {
    const proposer = await community("Scored Commons");
    const endorser = await community("Endorsing Commons");
    const fair = await staffMember();
    const conflicted = await staffMember();
    await addMember(db, endorser.organization.id, conflicted.user.id, "member");
    const initiative = await propose(proposer);
    await changeStatus(db, fair.actor, initiative.id, { to: "in_review" });
    await endorse(db, endorser.viewer, initiative.id, {
      organizationId: endorser.organization.id,
      hubIds: [],
      note: "",
    });
    const scores = { technical: 3, network: 2, ecosystem: 2, sustainability: 1, note: "Solid." };
    await saveReview(db, fair.viewer, initiative.id, scores);
    await saveReview(db, conflicted.viewer, initiative.id, { ...scores, technical: 1 });
    await saveReview(db, fair.viewer, initiative.id, { ...scores, technical: 2 }); // replaces, not adds
    const reviews = await listReviews(db, fair.viewer, initiative.id);
    expect(reviews.map((r) => [r.reviewerId, r.technical, r.conflicted])).toEqual([
      [fair.user.id, 2, false],
      [conflicted.user.id, 1, true],
    ]);
    await expect(saveReview(db, proposer.viewer, initiative.id, scores)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("merges a duplicate: endorsements move to the original and the endorsers are told", async () => {
    const first = await community("Original Commons");
    const second = await community("Duplicate Commons");
    const backer = await community("Backer Commons");
    const staff = await staffMember();
    const original = await propose(first, { title: "Single sign-on across hubs" });
    const duplicate = await propose(second, { title: "One login for every hub" });
    for (const id of [original.id, duplicate.id])
      await changeStatus(db, staff.actor, id, { to: "in_review" });
    await endorse(db, backer.viewer, duplicate.id, {
      organizationId: backer.organization.id,
      hubIds: [backer.hubs[0]!.id],
      note: "",
    });
    await markDuplicate(db, staff.viewer, duplicate.id, {
      originalSlug: original.slug,
      rationale: "Same work, same upstream.",
    });
    const moved = await db
      .select()
      .from(endorsements)
      .where(and(eq(endorsements.initiativeId, original.id)));
    expect(moved.map((e) => e.organizationId).sort()).toEqual(
      [second.organization.id, backer.organization.id].sort(),
    );
    const [dup] = await db.select().from(initiatives).where(eq(initiatives.id, duplicate.id));
    expect(dup).toMatchObject({ status: "declined", duplicateOfId: original.id });
    const [orig] = await db.select().from(initiatives).where(eq(initiatives.id, original.id));
    expect(orig!.demandOrganizations).toBe(3);
    const told = await eventually(async () => {
      const rows = await db
        .select()
        .from(emailMessages)
        .where(
          and(eq(emailMessages.to, backer.admin.email), eq(emailMessages.template, "initiative-merged")),
        );
      return rows.length > 0 ? rows : null;
    }, "merge email to the backer");
    expect(told[0]!.subject).toContain("Single sign-on across hubs");
  });
});

describe("emails", () => {
  it("tells staff of a submission and followers of a decision, once each, honouring preferences", async () => {
    const proposer = await community("Mail Commons");
    const quiet = await buildUser(db, { passwordHash: "x" });
    await addMember(db, proposer.organization.id, quiet.id, "member");
    await savePreferences(db, quiet.id, {
      initiativeStatus: false,
      initiativeUpdates: true,
      initiativeEndorsements: true,
      initiativeSubmissions: true,
    });
    const staff = await staffMember();
    const initiative = await propose(proposer);
    await eventually(async () => {
      const [row] = await db
        .select()
        .from(emailMessages)
        .where(
          and(eq(emailMessages.to, staff.user.email), eq(emailMessages.template, "initiative-submitted")),
        );
      return row;
    }, "submission email to staff");
    await changeStatus(db, staff.actor, initiative.id, { to: "in_review" });
    await changeStatus(db, staff.actor, initiative.id, {
      to: "declined",
      rationale: "Declined because <script>alert(1)</script> is not a plan.",
    });
    const decision = await eventually(async () => {
      const rows = await db
        .select()
        .from(emailMessages)
        .where(
          and(
            eq(emailMessages.to, proposer.admin.email),
            eq(emailMessages.template, "initiative-status-changed"),
          ),
        );
      return rows.length === 2 ? rows : null;
    }, "two status emails to the proposer");
    const declined = decision.find((m) => m.subject.endsWith("declined"))!;
    expect(declined.html).not.toContain("<script>");
    expect(declined.html).toContain("&lt;script&gt;");
    const unsubscribe = declined.headers["List-Unsubscribe"]!;
    expect(unsubscribe).toMatch(/^<http.+\/unsubscribe\/.+>$/);
    expect(userOfUnsubscribeToken(unsubscribe.slice(1, -1).split("/unsubscribe/")[1]!)).toBe(
      proposer.admin.id,
    );
    expect(userOfUnsubscribeToken(`${proposer.admin.id}.forged`)).toBeNull();
    const toQuiet = await db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.to, quiet.email), eq(emailMessages.template, "initiative-status-changed")));
    expect(toQuiet).toHaveLength(0);

    // Delivering the same notice again (a retried job) sends nothing more.
    const [transition] = await db
      .select()
      .from(initiativeTransitions)
      .where(
        and(
          eq(initiativeTransitions.initiativeId, initiative.id),
          eq(initiativeTransitions.toStatus, "declined"),
        ),
      );
    expect(await deliverNotice(db, { kind: "status", transitionId: transition!.id })).toBe(0);
  });
});

describe("endorsement emails (issue 13, item 3)", () => {
  it("tell the proposers of each new endorsement, once, unless they turned them off", async () => {
    const { endorsements: endorsementsTable, emailMessages } = await import("#db/schema");
    const proposer = await community("Told Commons");
    const quiet = await buildUser(db, { passwordHash: "x" });
    await addMember(db, proposer.organization.id, quiet.id, "member");
    await savePreferences(db, quiet.id, {
      initiativeStatus: true,
      initiativeUpdates: true,
      initiativeEndorsements: false,
      initiativeSubmissions: true,
    });
    const backer = await community("Backing Commons");
    const staff = await staffMember();
    const initiative = await propose(proposer);
    await changeStatus(db, staff.actor, initiative.id, { to: "in_review" });
    await endorse(db, backer.viewer, initiative.id, {
      organizationId: backer.organization.id,
      hubIds: backer.hubs.map((h) => h.id),
      note: "Our teachers ask for it.",
    });
    const [row] = await db
      .select()
      .from(endorsementsTable)
      .where(eq(endorsementsTable.initiativeId, initiative.id));
    const notice = { kind: "endorsed" as const, endorsementId: row!.id };
    const sent = await eventually(async () => {
      const mails = await db
        .select()
        .from(emailMessages)
        .where(eq(emailMessages.subject, `Backing Commons endorses ${initiative.title}`));
      return mails.length > 0 && mails;
    }, "the endorsement email");
    expect(sent.map((m) => m.to)).toEqual([proposer.admin.email]);
    expect(sent[0]!.text).toContain("Our teachers ask for it.");
    expect(await deliverNotice(db, notice)).toBe(0); // already sent: not again
  });
});

describe("the public catalog", () => {
  it("lists public work and proposals in review, never drafts or fresh submissions, and finds by full-text search", async () => {
    const proposer = await community("Catalog Commons");
    const staff = await staffMember();
    const opened = await propose(proposer, { title: "Accessible notebook themes for screen readers" });
    await changeStatus(db, staff.actor, opened.id, { to: "in_review" });
    await changeStatus(db, staff.actor, opened.id, openInput());
    const reviewing = await propose(proposer, { title: "Accessible themes in review" });
    await changeStatus(db, staff.actor, reviewing.id, { to: "in_review" });
    const hidden = await propose(proposer, { title: "Accessible themes just submitted" });

    const found = await listCatalog(db, { q: "screen reader", sort: "newest" }, 1);
    expect(found.rows.map((r) => r.slug)).toContain(opened.slug);
    const all = await listCatalog(db, { sort: "newest" }, 1);
    // In review: listed, to be found and endorsed (issue 13, item 3); submitted: not yet public.
    expect(all.rows.map((r) => r.slug)).toContain(reviewing.slug);
    expect(all.rows.map((r) => r.slug)).not.toContain(hidden.slug);
    const inReview = await listCatalog(db, { status: "in_review", sort: "newest" }, 1);
    expect(inReview.rows.every((r) => r.status === "in_review")).toBe(true);
    expect(inReview.rows.map((r) => r.slug)).toContain(reviewing.slug);
    const none = await listCatalog(db, { q: "quantum blockchain", sort: "newest" }, 1);
    expect(none.total).toBe(0);
  });
});

describe("what stays with the proposers", () => {
  it("emails a request for changes to the proposing organization only, not to endorsers", async () => {
    const proposer = await community("Reworking Commons");
    const endorser = await community("Watching Commons");
    const staff = await staffMember();
    const initiative = await propose(proposer, { title: "Quota alerts for hub admins" });
    await changeStatus(db, staff.actor, initiative.id, { to: "in_review" });
    await endorse(db, endorser.viewer, initiative.id, {
      organizationId: endorser.organization.id,
      hubIds: [],
      note: "",
    });
    await changeStatus(db, staff.actor, initiative.id, {
      to: "changes_requested",
      rationale: "The budget looks padded; please itemise it.",
    });
    const [transition] = await db
      .select()
      .from(initiativeTransitions)
      .where(
        and(
          eq(initiativeTransitions.initiativeId, initiative.id),
          eq(initiativeTransitions.toStatus, "changes_requested"),
        ),
      );
    await deliverNotice(db, { kind: "status", transitionId: transition!.id });
    const sent = await db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.template, "initiative-status-changed"));
    const about = sent.filter((m) => m.subject.startsWith("Quota alerts for hub admins: changes requested"));
    expect(about.map((m) => m.to)).toEqual([proposer.admin.email]);
    // Resubmitted, it stays visible to the endorser who backs it.
    await changeStatus(db, { userId: proposer.admin.id, isStaff: false }, initiative.id, { to: "submitted" });
    await expect(loadInitiative(db, initiative.slug, endorser.viewer)).resolves.toBeTruthy();
  });

  it("refuses to merge into an initiative the public cannot see", async () => {
    const first = await community("Hidden Original Commons");
    const second = await community("Public Duplicate Commons");
    const staff = await staffMember();
    const hidden = await propose(first, { title: "Hidden original" });
    const visible = await propose(second, { title: "Visible duplicate" });
    await changeStatus(db, staff.actor, visible.id, { to: "in_review" });
    await expect(
      markDuplicate(db, staff.viewer, visible.id, { originalSlug: hidden.slug, rationale: "" }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("addresses", () => {
  it("gives two proposals with one title, made at the same moment, two addresses", async () => {
    const proposer = await community("Twin Commons");
    const title = `Twin proposal ${Date.now()}`;
    const [a, b] = await Promise.all([
      propose(proposer, { title }, false),
      propose(proposer, { title }, false),
    ]);
    expect(a.slug).not.toBe(b.slug);
    expect([a.slug, b.slug].every((slug) => slug.startsWith("twin-proposal-"))).toBe(true);
  });
});

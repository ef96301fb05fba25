import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { endorsementHubs, endorsements, initiatives, organizations, pledges } from "#db/schema";
import { buildOpenInitiative } from "#tests/factories";
import { ForbiddenError } from "~/lib/errors";
import { fundersTable, networkSeries } from "~/modules/credits/network.server";
import { organizationCredit } from "~/modules/credits/organization-credit.server";
import { reportRollout } from "~/modules/delivery/rollouts.server";
import { initiativeDetails } from "~/modules/initiatives/catalog.server";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";
import { setCreditChoice } from "~/modules/pledges/credit-choice.server";
import { publicFunders } from "~/modules/pledges/funding.server";
import { createPledgeRow } from "~/modules/pledges/workflow";
import { loader as hubApi } from "~/routes/api.v1.hubs.$hubId.funded-by";
import { loader as initiativesApi } from "~/routes/api.v1.initiatives";
import { loader as initiativeApi } from "~/routes/api.v1.initiatives.$slug";
import { loader as openApi } from "~/routes/api.v1.openapi[.json]";
import { loader as organizationsApi } from "~/routes/api.v1.organizations";
import { loader as organizationApi } from "~/routes/api.v1.organizations.$slug";
import { loader as statsApi } from "~/routes/api.v1.stats";
import { loader as feed } from "~/routes/feeds.initiatives[.atom]";
import { loader as badge } from "~/routes/initiatives.$slug.badge[.svg]";
import { loader as banner } from "~/routes/initiatives.$slug.funders[.svg]";
import { loader as ogImage } from "~/routes/initiatives.$slug.og[.png]";
import { loader as memberFeed } from "~/routes/members.$slug.feed[.atom]";
import { fundedInitiative, hubOf, organizationWithPeople } from "./credit-helpers";

// Issue 11, sections 2 and 3: the public credit, with anonymity applied everywhere a
// funder could be named (pages' data, API, feeds, badges, banner, preview image).

const db = getDb();
const today = new Date().toISOString().slice(0, 10);
type Loader = (args: never) => Promise<Response> | Response;

async function call(
  loader: Loader,
  path: string,
  params: Record<string, string> = {},
  init: RequestInit = {},
) {
  const request = new Request(`http://localhost${path}`, init);
  return (await loader({
    request,
    params,
    context: { clientIp: `test-${Math.random()}` },
  } as never)) as Response;
}

async function crowd() {
  const proposer = await organizationWithPeople("Proposing Commons");
  const named = await organizationWithPeople("Named Funder University", "institution");
  const quiet = await organizationWithPeople("Quiet Funder Society");
  const secret = await organizationWithPeople("Secret Benefactor Trust", "institution");
  const initiative = await fundedInitiative(proposer, "delivered", [
    { by: named, amount: 90_000 },
    { by: quiet, amount: 40_000, showAmount: false },
    { by: secret, amount: 70_000, showName: false },
  ]);
  const hub = await hubOf(named, { userCount: 400 });
  await reportRollout(db, named.admin, initiative.id, { hubId: hub.id, reportedOn: today });
  return { proposer, named, quiet, secret, initiative, hub };
}

describe("funders and their shares", () => {
  it("names public funders with their share, hides hidden amounts and never names the anonymous", async () => {
    const { initiative } = await crowd();
    const funders = await publicFunders(db, initiative);
    expect(funders.named.map((f) => f.name)).toEqual(["Named Funder University", "Quiet Funder Society"]);
    // Collected: 90,000 + 40,000 + 70,000 = 200,000; the named funder gave 45% of it.
    expect(funders.named[0]).toMatchObject({ amountMinor: 90_000, shareBp: 4500 });
    expect(funders.named[1]).toMatchObject({ amountMinor: null, shareBp: null, matchShareBp: null });
    expect(funders.anonymous).toEqual({ count: 1, amountMinor: 70_000, undisclosed: 0 });
    expect(JSON.stringify(funders)).not.toContain("Secret Benefactor");
  });

  it("never names an unlisted funder, and never sums an anonymous amount its funder hid", async () => {
    const proposer = await organizationWithPeople("Unlisted Case Proposer");
    const unlisted = await organizationWithPeople("Unlisted Donor Foundation");
    await db
      .update(organizations)
      .set({ isPublic: false })
      .where(eq(organizations.id, unlisted.organization.id));
    const shy = await organizationWithPeople("Shy Anonymous Donor");
    const initiative = await fundedInitiative(proposer, "funded", [
      { by: unlisted, amount: 50_000 },
      { by: shy, amount: 30_000, showName: false, showAmount: false },
    ]);
    const funders = await publicFunders(db, initiative);
    expect(funders.named).toEqual([]);
    expect(funders.anonymous).toEqual({ count: 2, amountMinor: 50_000, undisclosed: 1 });
    const svg = await (await call(banner, "/x", { slug: initiative.slug })).text();
    expect(svg).not.toContain("Unlisted Donor");
  });

  it("shares the match by square roots under quadratic matching", async () => {
    const proposer = await organizationWithPeople("Quadratic Proposer");
    const a = await organizationWithPeople("Big Funder");
    const b = await organizationWithPeople("Small Funder");
    const initiative = await fundedInitiative(proposer, "funded", [
      { by: a, amount: 90_000 },
      { by: b, amount: 10_000 },
    ]);
    await db
      .update(initiatives)
      .set({ matchRule: "quadratic", matchedMinor: 50_000 })
      .where(eq(initiatives.id, initiative.id));
    const funders = await publicFunders(db, { ...initiative, matchRule: "quadratic", matchedMinor: 50_000 });
    // √90,000 = 300, √10,000 = 100: three quarters and one quarter of the match.
    expect(funders.named.map((f) => [f.shareBp, f.matchShareBp])).toEqual([
      [9000, 7500],
      [1000, 2500],
    ]);
  });
});

describe("changing a credit choice later", () => {
  it("lets the funder's admins go anonymous after payment, and it shows everywhere at once", async () => {
    const { initiative, named } = await crowd();
    const [pledge] = await db
      .select()
      .from(pledges)
      .where(and(eq(pledges.initiativeId, initiative.id), eq(pledges.organizationId, named.organization.id)));
    const viewer = { id: named.admin.id, isStaff: false, email: "", name: "" };
    await expect(
      setCreditChoice(db, { ...viewer, id: named.member.id }, pledge!.id, {
        showName: "no",
        showAmount: "yes",
        message: "",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await setCreditChoice(db, viewer, pledge!.id, { showName: "no", showAmount: "yes", message: "" });
    const funders = await publicFunders(db, initiative);
    expect(funders.named.map((f) => f.name)).not.toContain("Named Funder University");
    expect(funders.anonymous).toEqual({ count: 2, amountMinor: 160_000, undisclosed: 0 });
    expect((await organizationCredit(db, { ...named.organization, showMembership: false })).funded).toEqual(
      [],
    );
    // The API's funders follow (the organization is still named as the one running a hub).
    const api = await (await call(initiativeApi, "/x", { slug: initiative.slug })).json();
    expect(api.funders.named.map((f: { organization: { name: string } }) => f.organization.name)).toEqual([
      "Quiet Funder Society",
    ]);
    // The money did not move.
    const [after] = await db.select().from(pledges).where(eq(pledges.id, pledge!.id));
    expect([after!.status, after!.amountMinor]).toEqual(["paid", 90_000]);
  });
});

describe("endorsers on a public initiative page", () => {
  it("does not name an unlisted endorser or give away any endorser's hub address (issue 12, item 10)", async () => {
    const { initiative } = await crowd();
    const unlisted = await organizationWithPeople("Unlisted Clinic Network");
    await db
      .update(organizations)
      .set({ isPublic: false })
      .where(eq(organizations.id, unlisted.organization.id));
    const hub = await hubOf(unlisted, { url: "https://secret-hub.clinic.example.org", userCount: 70 });
    const [endorsement] = await db
      .insert(endorsements)
      .values({ initiativeId: initiative.id, organizationId: unlisted.organization.id, note: "" })
      .returning();
    await db.insert(endorsementHubs).values({ endorsementId: endorsement!.id, hubId: hub.id });
    const details = await initiativeDetails(db, await loadInitiative(db, initiative.slug, null));
    const data = JSON.stringify(details);
    expect(data).not.toContain("Unlisted Clinic");
    expect(data).not.toContain("secret-hub");
    expect(data).not.toContain(unlisted.organization.slug);
    expect(details.endorsements.at(-1)).toMatchObject({ organizationName: "An unlisted organization" });
    expect(details.endorsements.at(-1)!.hubs).toEqual([expect.objectContaining({ userCount: 70 })]);
  });
});

describe("the organization credit page", () => {
  it("lists only what the organization chose to show, current apart from past", async () => {
    const { quiet, secret, initiative } = await crowd();
    const quietCredit = await organizationCredit(db, { ...quiet.organization, showMembership: false });
    expect(quietCredit.funded).toEqual([
      expect.objectContaining({ slug: initiative.slug, amountMinor: null, shareBp: null, current: false }),
    ]);
    expect(quietCredit.membership).toBeNull();
    // The anonymous pledge does not appear on the funder's own public page either.
    const secretCredit = await organizationCredit(db, { ...secret.organization, showMembership: false });
    expect(secretCredit.funded).toEqual([]);
  });
});

describe("the network figures", () => {
  it("counts anonymous money in the totals but never names it, and ranks by shown amounts only", async () => {
    const { named, quiet } = await crowd();
    const { totals, series } = await networkSeries(db);
    expect(totals.raisedMinor).toBeGreaterThanOrEqual(200_000);
    expect(series.at(-1)!.raisedMinor).toBe(totals.raisedMinor);
    const { funders } = await fundersTable(db, "USD", 1);
    const names = funders.map((f) => f.name);
    expect(names).not.toContain("Secret Benefactor Trust");
    const quietRow = funders.find((f) => f.slug === quiet.organization.slug);
    expect(quietRow).toMatchObject({ totalMinor: 0, undisclosed: true, initiatives: 1 });
    const namedRow = funders.find((f) => f.slug === named.organization.slug);
    expect(namedRow!.totalMinor).toBe(90_000);
  });
});

describe("the JSON API", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  async function validator(component: string) {
    const document = (await (await call(openApi, "/api/v1/openapi.json")).json()) as {
      components: { schemas: Record<string, object> };
    };
    if (!ajv.getSchema("openapi")) ajv.addSchema({ $id: "openapi", ...document }, "openapi");
    const validate = ajv.getSchema(`openapi#/components/schemas/${component}`);
    if (!validate) throw new Error(`no ${component} in the OpenAPI document`);
    return (body: unknown) => {
      const ok = validate(body);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      return ok;
    };
  }

  it("answers as its OpenAPI document says, and never names an anonymous funder", async () => {
    const { initiative, named, hub } = await crowd();
    const cases: [Loader, string, Record<string, string>, string][] = [
      [initiativesApi, "/api/v1/initiatives?pageSize=5", {}, "InitiativeList"],
      [
        initiativeApi,
        `/api/v1/initiatives/${initiative.slug}`,
        { slug: initiative.slug },
        "InitiativeDetail",
      ],
      [organizationsApi, "/api/v1/organizations?pageSize=3", {}, "OrganizationList"],
      [
        organizationApi,
        `/api/v1/organizations/${named.organization.slug}`,
        { slug: named.organization.slug },
        "OrganizationDetail",
      ],
      [statsApi, "/api/v1/stats", {}, "Stats"],
      [hubApi, `/api/v1/hubs/${hub.id}/funded-by`, { hubId: hub.id }, "HubFundedBy"],
    ];
    for (const [loader, path, params, component] of cases) {
      const response = await call(loader, path, params);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("etag")).toBeTruthy();
      const text = await response.text();
      expect(text, path).not.toContain("Secret Benefactor");
      (await validator(component))(JSON.parse(text));
    }
    // The validator is real: a body the document does not describe is refused.
    const strict = ajv.getSchema("openapi#/components/schemas/InitiativeList")!;
    expect(strict({ data: [{ slug: "x" }] })).toBe(false);
    const detail = await (
      await call(initiativeApi, `/api/v1/initiatives/${initiative.slug}`, { slug: initiative.slug })
    ).json();
    expect(detail.funders.anonymous).toEqual({ count: 1, amountMinor: 70_000, undisclosed: 0 });
    expect(detail.reach).toEqual({ hubs: 1, verifiedHubs: 0, users: 400 });
  });

  it("caps the page size, answers 304 to a known ETag, and 404 for what is not public", async () => {
    const proposer = await organizationWithPeople("Draft Owner");
    const draft = await buildOpenInitiative(db, proposer.organization.id, {
      status: "draft",
      reviewStartedAt: null,
    });
    const list = await call(initiativesApi, "/api/v1/initiatives?pageSize=1000&page=-4");
    const body = await list.json();
    expect(body.pagination).toMatchObject({ page: 1, pageSize: 100 });
    const again = await call(
      initiativesApi,
      "/api/v1/initiatives?pageSize=1000&page=-4",
      {},
      {
        headers: { "If-None-Match": list.headers.get("etag")! },
      },
    );
    expect(again.status).toBe(304);
    for (const [loader, params] of [
      [initiativeApi, { slug: draft.slug }],
      [organizationApi, { slug: "no-such-organization" }],
      [hubApi, { hubId: "not-a-uuid" }],
    ] as const) {
      const response = await call(loader, "/api/v1/x", params);
      expect(response.status).toBe(404);
    }
  });
});

describe("badges, banner, preview image and feeds", () => {
  it("draws the badge from the initiative's state, with an ETag", async () => {
    const proposer = await organizationWithPeople("Badge Proposer");
    const open = await buildOpenInitiative(db, proposer.organization.id, { goalMinor: 100_000 });
    await db.transaction(async (tx) => {
      for (const amount of [40_000, 32_000]) {
        const funder = await organizationWithPeople(`Badge Funder ${amount}`);
        await createPledgeRow(
          tx,
          {
            initiativeId: open.id,
            organizationId: funder.organization.id,
            createdById: funder.admin.id,
            status: "committed",
            method: "invoice",
            amountMinor: amount,
            currency: "USD",
          },
          { by: "admin", actorId: funder.admin.id, reason: "test" },
        );
      }
    });
    const response = await call(badge, `/initiatives/${open.slug}/badge.svg`, { slug: open.slug });
    expect(response.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.text()).toContain("co-funded by 2 organizations · 72%");
    const revalidated = await call(
      badge,
      `/initiatives/${open.slug}/badge.svg`,
      { slug: open.slug },
      {
        headers: { "If-None-Match": response.headers.get("etag")! },
      },
    );
    expect(revalidated.status).toBe(304);

    const { initiative } = await crowd();
    const delivered = await call(badge, "/x", { slug: initiative.slug });
    expect(await delivered.text()).toContain("delivered · on 1 hub");
    const draft = await buildOpenInitiative(db, proposer.organization.id, {
      status: "draft",
      reviewStartedAt: null,
    });
    expect((await call(badge, "/x", { slug: draft.slug })).status).toBe(404);
  });

  it("never draws an anonymous funder and escapes every name", async () => {
    const { initiative, named } = await crowd();
    await db
      .update(organizations)
      .set({ name: `<script>alert("x")</script>\u000B Labs` })
      .where(eq(organizations.id, named.organization.id));
    const svg = await (
      await call(banner, "/x?limit=500&width=99999&avatarHeight=abc", { slug: initiative.slug })
    ).text();
    expect(svg).not.toContain("Secret Benefactor");
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&#60;script&#62;");
    expect(svg).toMatch(/^<svg [^>]*width="1600"/);
    // A control character XML forbids (here in a name) is dropped, so the image stays valid.
    expect(svg).not.toContain("\u000B");
    await db
      .update(organizations)
      .set({ name: "Proposer\u000B Commons" })
      .where(eq(organizations.id, initiative.organizationId));
    const og = await call(ogImage, "/x", { slug: initiative.slug });
    expect(og.status).toBe(200);
  });

  it("renders a 1200×630 preview image", async () => {
    const { initiative } = await crowd();
    const response = await call(ogImage, "/x", { slug: initiative.slug });
    expect(response.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 630]);
  });

  it("publishes Atom entries with people's text escaped, naming no anonymous funder", async () => {
    const { initiative, named, secret } = await crowd();
    await db
      .update(initiatives)
      .set({ title: "Delivered <img src=x onerror=alert(1)> ]]> work" })
      .where(eq(initiatives.id, initiative.id));
    const { initiativeTransitions } = await import("#db/schema");
    await db.insert(initiativeTransitions).values({
      initiativeId: initiative.id,
      fromStatus: "in_progress",
      toStatus: "delivered",
      isPublic: true,
      rationale: "Released upstream.",
    });
    const network = await (await call(feed, "/feeds/initiatives.atom?event=delivered")).text();
    expect(network).toContain("<feed");
    expect(network).toContain("Delivered: Delivered &#60;img src=x onerror=alert(1)&#62; ]]&#62; work");
    expect(network).not.toContain("<img");
    expect(network).not.toContain("Secret Benefactor");
    const own = await (await call(memberFeed, "/x", { slug: named.organization.slug })).text();
    expect(own).toContain(initiative.slug);
    // The anonymous funder's own feed does not give its pledge away.
    const anonymousOwn = await (await call(memberFeed, "/x", { slug: secret.organization.slug })).text();
    expect(anonymousOwn).not.toContain(initiative.slug);
  });
});

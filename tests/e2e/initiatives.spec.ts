import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, linkIn, signIn, waitForMail } from "./support";

// Issue 4: a community proposes → two other communities endorse with their hubs →
// staff score and approve with a rationale → the public sees it open, with the
// rationale and three organizations backing. Then: nothing a proposer, endorser or
// staff member writes can run script on any page that shows it.

const PROPOSER = "admin@geocarpentry.test"; // Geoscience Carpentry
const ENDORSERS = [
  { email: "hannah@hydrocommons.test", org: "Hydrology Commons", hub: "Watershed Models" },
  { email: "luca@dhguild.test", org: "Digital Humanities Guild", hub: "Corpus Hub" },
];
const STAFF = "staff@commons.test";
const long = (what: string) =>
  `${what}: every hub in the network works around this alone today, and a shared fix upstream helps all.`;

async function as(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

function futureDate(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function propose(
  page: Page,
  fields: Record<string, string>,
  intent: "Save draft" | "Submit for review",
) {
  await page.goto("/orgs/geoscience-carpentry/initiatives/new");
  await page.getByLabel("Title").fill(fields.title!);
  await page.getByLabel("Summary").fill(fields.summary!);
  await page.getByLabel("The problem").fill(fields.problem!);
  await page.getByLabel("Proposed solution").fill(fields.solution!);
  await page.getByLabel("Implementation plan").fill(fields.plan!);
  await page.getByRole("checkbox", { name: "JupyterHub", exact: true }).check();
  if (fields.suggestedProject)
    await page.getByLabel("Suggest a project not on the list").fill(fields.suggestedProject);
  await page.getByRole("checkbox", { name: /Carpentry Workshops/ }).check();
  await page.getByLabel("Size").selectOption("M");
  await page.getByLabel("Suggested goal (USD)").fill("24000");
  await page.getByRole("button", { name: intent }).click();
  await page.waitForURL((url) => /^\/initiatives\/[a-z0-9-]+$/.test(url.pathname));
  return new URL(page.url()).pathname;
}

async function decide(page: Page, path: string, decision: string, extra: Record<string, string> = {}) {
  await page.goto(`/staff${path}`);
  await page.getByRole("radio", { name: new RegExp(`^${decision}`) }).check();
  if (extra.rationale) await page.getByRole("textbox", { name: /^Rationale/ }).fill(extra.rationale);
  if (extra.goal) await page.getByLabel("Funding goal (USD)").fill(extra.goal);
  if (extra.minBackers) await page.getByLabel("Minimum backing organizations").fill(extra.minBackers);
  if (extra.deadline) await page.getByLabel("Pledge deadline").fill(extra.deadline);
  // Declining and approving are public and final: the form asks to confirm them.
  if (/^(Approve|Decline)/.test(decision))
    await page.getByRole("checkbox", { name: /it is public and cannot be undone/ }).check();
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByRole("status").or(page.getByRole("alert")).first()).toContainText(/Now /);
}

test("a community proposes, two endorse with their hubs, staff score and approve in public", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const title = `Shared kernel telemetry ${Date.now()}`;
  const proposer = await as(browser, PROPOSER);
  const path = await propose(
    proposer,
    {
      title,
      summary: "Opt-in kernel telemetry every hub can share, so we learn which kernels need work.",
      problem: long("Problem"),
      solution: long("Solution"),
      plan: long("Plan"),
    },
    "Submit for review",
  );
  await expect(proposer.getByText("Submitted", { exact: true }).first()).toBeVisible();
  await expectAccessible(proposer);

  const staff = await as(browser, STAFF);
  await staff.goto("/staff/initiatives?status=submitted");
  await expect(staff.getByRole("link", { name: title })).toBeVisible();
  await expectAccessible(staff);
  await decide(staff, path, "Start review");

  for (const endorser of ENDORSERS) {
    const page = await as(browser, endorser.email);
    await page.goto(path);
    const form = page.getByRole("form", { name: `Endorse as ${endorser.org}` });
    await form.getByRole("checkbox", { name: new RegExp(endorser.hub) }).check();
    await form.getByLabel("Note").fill(`${endorser.org} needs this for its courses.`);
    await form.getByRole("button", { name: "Endorse" }).click();
    await expect(page.getByText("Thank you: your endorsement is counted.")).toBeVisible();
    await expectAccessible(page);
    await page.context().close();
    // The proposers are told of each new endorsement (issue 13, item 3).
    // Two background jobs away (the notice, then its delivery), behind whatever other journeys queued.
    const told = await waitForMail(
      PROPOSER,
      // This title exactly: another journey has the same endorser back another of this proposer's ideas.
      (m) => m.subject === `${endorser.org} endorses ${title}`,
      45_000,
    );
    expect(told.text).toContain(`${endorser.org} needs this for its courses.`);
  }

  // In review, it is listed in the catalog for anyone to find and endorse (issue 13, item 3).
  const browsing = await browser.newPage();
  await browsing.goto("/initiatives?status=in_review");
  await expect(browsing.getByLabel("Status")).toHaveValue("in_review");
  const listed = browsing.getByRole("listitem").filter({ hasText: title }).first();
  await expect(listed).toContainText("In review");
  // Clear filters, then Back: the form shows what the URL says each time (issue 13, item 5).
  await browsing.getByRole("link", { name: "Clear filters" }).click();
  await expect(browsing.getByLabel("Status")).toHaveValue("");
  await browsing.goBack();
  await expect(browsing.getByLabel("Status")).toHaveValue("in_review");
  await browsing.close();

  await staff.goto(`/staff${path}`);
  await staff.getByLabel("Technical leverage").selectOption("3");
  await staff.getByLabel("Network leverage").selectOption("3");
  await staff.getByLabel("Ecosystem leverage").selectOption("2");
  await staff.getByLabel("Sustainability leverage").selectOption("2");
  await staff.getByRole("button", { name: "Save scores" }).click();
  await expect(staff.getByText("Average 10 of 12 from 1 reviewer.")).toBeVisible();
  await expectAccessible(staff);
  const rationale = "Three communities need it and it lands upstream in JupyterHub: high network leverage.";
  await decide(staff, path, "Approve and open for pledges", {
    rationale,
    goal: "24000",
    minBackers: "3",
    deadline: futureDate(45),
  });

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(path);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(visitor.getByText("Open for pledges").first()).toBeVisible();
  await expect(visitor.getByText(rationale)).toBeVisible();
  await expect(visitor.getByText(/^3\s*organizations/)).toBeVisible();
  const backing = visitor.getByRole("region", { name: "Endorsing organizations" });
  for (const endorser of ENDORSERS)
    await expect(backing.getByRole("link", { name: endorser.org, exact: true })).toBeVisible();
  // Opened for pledges: the funding box shows the goal and the minimum of organizations (issue 10).
  await expect(visitor.getByText(/\$0\s*pledged of \$24,000 · 0 of 3 organizations/)).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Sign in to pledge" })).toBeVisible();
  await expectAccessible(visitor);

  await visitor.goto(`/initiatives?q=${encodeURIComponent("kernel telemetry")}`);
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();
  await expectAccessible(visitor);

  const mail = await waitForMail(
    PROPOSER,
    (m) => m.subject.includes(title) && m.subject.endsWith("open for pledges"),
  );
  expect(mail.html).toContain("high network leverage");
});

const XSS = [
  `<img src=x onerror="window.__xss='img'">`,
  `<script>window.__xss='script'</script>`,
  `[click me](javascript:window.__xss='link')`,
  `<a href="javascript:window.__xss='anchor'">anchor</a>`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `![tracker](javascript:window.__xss='image')`,
].join("\n\n");

async function expectInert(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss), url).toBeUndefined();
  await expect(page.locator('img[src="x"], svg[onload], iframe, a[href^="javascript:" i]')).toHaveCount(0);
  await expect(page.locator("script:not([nonce])")).toHaveCount(0);
}

test("markdown and text written by members cannot run script on any page that shows it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const proposer = await as(browser, PROPOSER);
  const dialogs: string[] = [];
  for (const page of [proposer]) page.on("dialog", (d) => dialogs.push(d.message()));
  const title = `Sanitising ${Date.now()} <img src=x onerror="window.__xss='title'">`;
  const path = await propose(
    proposer,
    {
      title,
      summary: `<script>window.__xss='summary'</script> summary that is long enough`,
      problem: `${long("Problem")}\n\n${XSS}`,
      solution: `${long("Solution")}\n\n${XSS}`,
      plan: `${long("Plan")}\n\n${XSS}`,
      suggestedProject: `<img src=x onerror="window.__xss='project'">`,
    },
    "Save draft",
  );
  await expectInert(proposer, path);
  // Raw HTML is dropped; the markdown around it still renders, the bad link as plain text.
  await expect(proposer.getByText("click me").first()).toBeVisible();
  await expect(proposer.getByRole("link", { name: "click me" })).toHaveCount(0);
  await expectInert(proposer, `${path}/edit`);
  await expectInert(proposer, "/orgs/geoscience-carpentry/initiatives");
  await proposer.goto(path);
  await proposer.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(proposer.getByText("Submitted for review.")).toBeVisible();

  const staff = await as(browser, STAFF);
  staff.on("dialog", (d) => dialogs.push(d.message()));
  await decide(staff, path, "Start review");
  await staff.getByLabel("Add a note").fill(XSS);
  await staff.getByRole("button", { name: "Add note" }).click();
  await staff.getByRole("textbox", { name: /^Note/ }).fill(XSS);
  for (const leverage of ["Technical", "Network", "Ecosystem", "Sustainability"])
    await staff.getByLabel(`${leverage} leverage`).selectOption("0");
  await staff.getByRole("button", { name: "Save scores" }).click();
  await expect(staff.getByText("Your scorecard is saved.")).toBeVisible();

  const endorser = await as(browser, ENDORSERS[0]!.email);
  endorser.on("dialog", (d) => dialogs.push(d.message()));
  await endorser.goto(path);
  const form = endorser.getByRole("form", { name: `Endorse as ${ENDORSERS[0]!.org}` });
  await form.getByLabel("Note").fill(XSS);
  await form.getByRole("button", { name: "Endorse" }).click();
  await expect(endorser.getByText("Thank you: your endorsement is counted.")).toBeVisible();

  await proposer.goto(path);
  await proposer.getByLabel("Title", { exact: true }).fill(`<script>window.__xss='update'</script>`);
  await proposer.getByLabel("Update", { exact: true }).fill(XSS);
  await proposer.getByRole("button", { name: "Post update" }).click();
  await expect(proposer.getByText("Update posted; endorsers are emailed.")).toBeVisible();

  await decide(staff, path, "Approve and open for pledges", {
    rationale: XSS,
    goal: "1000",
    minBackers: "2",
    deadline: futureDate(30),
  });

  for (const url of [path, `/staff${path}`, "/staff/initiatives", "/staff/projects"])
    await expectInert(staff, url);
  await expectAccessible(staff); // the projects page, with a suggestion waiting
  const visitor = await (await browser.newContext()).newPage();
  visitor.on("dialog", (d) => dialogs.push(d.message()));
  for (const url of [path, "/initiatives", `/initiatives?q=${encodeURIComponent("sanitising")}`])
    await expectInert(visitor, url);
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();
  expect(dialogs).toEqual([]);

  // The emails carry the same text escaped.
  const mail = await waitForMail(ENDORSERS[0]!.email, (m) => m.subject.includes("Sanitising"));
  expect(mail.html).not.toMatch(/<script>window|<img src=x|<svg onload/);
});

test("an incomplete proposal is saved, and submitting it shows what is missing at each field", async ({
  browser,
}) => {
  const page = await as(browser, PROPOSER);
  await page.goto("/orgs/geoscience-carpentry/initiatives/new");
  const title = `Half-written idea ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/edit") && url.search.includes("submit=failed"));
  await expect(page.getByRole("alert")).toContainText("Your draft is saved");
  for (const [label, message] of [
    ["Summary", "Describe the summary"],
    ["The problem", "Describe the problem"],
    ["Proposed solution", "Describe the proposed solution"],
    ["Implementation plan", "Describe the implementation plan"],
    ["Size", "Choose a size before submitting."],
  ] as const) {
    await expect(page.getByLabel(label)).toHaveAccessibleDescription(new RegExp(message));
  }
  await expect(page.getByText("Choose at least one upstream project, or suggest one")).toBeVisible();
  await expectAccessible(page);
  // The draft kept the title and is listed for the organization only.
  await page.goto("/orgs/geoscience-carpentry/initiatives");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/initiatives?q=${encodeURIComponent("half-written idea")}`);
  await expect(visitor.getByText("No initiatives match")).toBeVisible();
});

test("an email's unsubscribe link turns initiative emails off, and preferences turn them back on", async ({
  browser,
}) => {
  const reviewer = "jordan@commons.test"; // staff: told of every new proposal
  const proposer = await as(browser, PROPOSER);
  const title = `Unsubscribe check ${Date.now()}`;
  await propose(
    proposer,
    {
      title,
      summary: "A proposal that tells staff about itself.",
      problem: long("Problem"),
      solution: long("Solution"),
      plan: long("Plan"),
    },
    "Submit for review",
  );
  const mail = await waitForMail(reviewer, (m) => m.subject === `New proposal: ${title}`);
  const page = await (await browser.newContext()).newPage();
  await page.goto(linkIn(mail, "/unsubscribe/"));
  await expectAccessible(page);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText("Done: you will get no more initiative emails.")).toBeVisible();

  await signIn(page, reviewer);
  await page.goto("/account/notifications");
  const submissions = page.getByRole("checkbox", { name: "New proposals submitted for review (staff only)" });
  await expect(submissions).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Decisions and status changes/ })).not.toBeChecked();
  await submissions.check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByText("Your email preferences are saved.")).toBeVisible();
  await expect(submissions).toBeChecked();
  await expectAccessible(page);
});

test("the decision form chooses nothing by itself, confirms what cannot be undone, and scores start unset", async ({
  browser,
}) => {
  const proposer = await as(browser, PROPOSER);
  const path = await propose(
    proposer,
    {
      title: `Offline notebooks for field stations ${Date.now()}`,
      summary: "Notebooks that keep working at field stations with no network for days.",
      problem: long("Problem"),
      solution: long("Solution"),
      plan: long("Plan"),
    },
    "Submit for review",
  );

  const staff = await as(browser, STAFF);
  await staff.goto(`/staff${path}`);
  // The proposal itself is on the decision page.
  await expect(staff.getByRole("heading", { name: "The problem" })).toBeVisible();
  // No decision is pre-selected: submitting without one is refused at the form.
  for (const radio of await staff.getByRole("radio").all()) await expect(radio).not.toBeChecked();
  await staff.getByRole("button", { name: "Record decision" }).click();
  await expect(staff.getByText("Choose a decision.")).toBeVisible();
  // Declining without confirming is refused; nothing is recorded.
  await staff.getByRole("radio", { name: /^Decline/ }).check();
  await staff
    .getByRole("textbox", { name: /^Rationale/ })
    .fill("Out of scope for the network this year, sorry.");
  await staff.getByRole("button", { name: "Record decision" }).click();
  await expect(staff.getByText(/tick the box to confirm it/)).toBeVisible();
  await expect(staff.getByText("Submitted", { exact: true }).first()).toBeVisible();
  // Start the review: afterwards the form is empty again.
  await decide(staff, path, "Start review");
  await expect(staff.getByRole("textbox", { name: /^Rationale/ })).toHaveValue("");
  for (const radio of await staff.getByRole("radio").all()) await expect(radio).not.toBeChecked();
  // Scores start unset and cannot be saved unset.
  await expect(staff.getByLabel("Technical leverage")).toHaveValue("");
  await staff.getByRole("button", { name: "Save scores" }).click();
  await expect(staff.getByText("Score it 0 to 3.").first()).toBeVisible();
  await expectAccessible(staff);
});

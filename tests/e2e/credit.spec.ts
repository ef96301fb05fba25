import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, FAKE_HUB, signIn, withDatabase } from "./support";

// Public credit (issue 11): a visitor follows a README badge to funded work, sees who
// funded it and where it runs, and opens a funder's credit page; an anonymous funder
// is named nowhere. Staff and the lead record the work; a hub reports running it.

const DELIVERED = "littlest-jupyterhub-upgrade-assistant";
const IN_PROGRESS = "usage-metrics-every-hub-reports-the-same-way";

async function anonymousFunderOf(slug: string) {
  return withDatabase(
    (sql) => sql<{ name: string; slug: string }[]>`
      select o.name, o.slug from pledges p join organizations o on o.id = p.organization_id
        join initiatives i on i.id = p.initiative_id
       where i.slug = ${slug} and not p.show_name and o.is_public`,
  );
}

const signOut = (page: Page) => page.context().clearCookies();

test("a visitor follows a badge to funded work, its funders and where it runs; the anonymous funder is named nowhere", async ({
  page,
  request,
}) => {
  const hidden = await anonymousFunderOf(DELIVERED);
  expect(hidden.length).toBeGreaterThan(0);
  // The strict CSP refuses inline styles: a progress bar drawn with one logs an error (and shows empty).
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await page.goto("/initiatives");
  await expect(page.getByRole("progressbar").first()).toBeVisible();

  // The badge an upstream README shows, and the link it carries.
  const badge = await request.get(`/initiatives/${DELIVERED}/badge.svg`);
  expect(badge.headers()["content-type"]).toMatch(/image\/svg\+xml/);
  expect(await badge.text()).toMatch(/delivered · on \d+ hubs/);

  await page.goto(`/initiatives/${DELIVERED}`);
  await expect(
    page.getByRole("heading", { level: 1, name: "Littlest JupyterHub upgrade assistant" }),
  ).toBeVisible();
  const funders = page.getByRole("region", { name: "Funders" });
  await expect(funders.getByText("1 anonymous organization")).toBeVisible();
  await expect(funders.getByText(/% of the money/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Final report: delivered" })).toBeVisible();
  const runs = page.getByRole("region", { name: "Where it runs" });
  await expect(runs.getByText(/Running on \d+ hubs \(\d+ verified\), reaching [\d,]+ users/)).toBeVisible();
  await expect(runs.getByText(/Verified · JupyterHub 5\.2/).first()).toBeVisible();
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute(
    "content",
    new RegExp(`/initiatives/${DELIVERED}/og.png$`),
  );
  await expectAccessible(page);

  // Nothing public about this initiative names the anonymous funder: page, page data, API,
  // banner; and its own credit page does not list the pledge.
  const surfaces = [
    await page.content(),
    await (await request.get(`/initiatives/${DELIVERED}?_data=routes%2Finitiatives.%24slug._index`)).text(),
    await (await request.get(`/api/v1/initiatives/${DELIVERED}`)).text(),
    await (await request.get(`/initiatives/${DELIVERED}/funders.svg`)).text(),
  ];
  for (const surface of surfaces) for (const { name } of hidden) expect(surface).not.toContain(name);
  for (const { slug } of hidden) {
    const own = await request.get(`/api/v1/organizations/${slug}`);
    expect((await own.json()).funded.map((f: { slug: string }) => f.slug)).not.toContain(DELIVERED);
    expect(await (await request.get(`/members/${slug}/feed.atom`)).text()).not.toContain(
      `/initiatives/${DELIVERED}`,
    );
  }
  const og = await request.get(`/initiatives/${DELIVERED}/og.png`);
  expect(og.headers()["content-type"]).toBe("image/png");

  // A funder's credit page, then the network's.
  const firstFunder = funders.getByRole("link").first();
  const funderName = (await firstFunder.textContent())!.trim();
  await firstFunder.click();
  await expect(page.getByRole("heading", { level: 1, name: funderName })).toBeVisible();
  const funded = page.getByRole("region", { name: "Initiatives funded" });
  await expect(funded.getByRole("link", { name: "Littlest JupyterHub upgrade assistant" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/credits");
  await expect(page.getByRole("heading", { level: 1, name: "Network credits" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Raised and matched/ })).toBeVisible();
  await page.getByText("The numbers").first().click();
  await expect(page.getByRole("table", { name: /Raised and matched/ })).toBeVisible();
  await expect(
    page.getByRole("table", { name: /Funders by the total/ }).getByRole("link", { name: funderName }),
  ).toBeVisible();
  expect(consoleErrors).toEqual([]);
  await expectAccessible(page);
});

test("the lead records a release, staff close the work, and a hub added by its pasted address is verified running it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Northbridge's admin adds a hub by pasting its login page's address, and checks it.
  await signIn(page, "admin@northbridge.test");
  await page.goto("/orgs/northbridge-university/hubs/new");
  await page.getByLabel("Name").fill("Northbridge Lab Hub");
  await page.getByLabel("Address").fill(`${FAKE_HUB}/hub/login?next=%2Fhub%2Fhome`);
  await page.getByRole("button", { name: "Add hub" }).click();
  await expect(page.getByRole("cell", { name: /^Northbridge Lab Hub http/ })).toContainText(`${FAKE_HUB}`);
  await page.getByRole("button", { name: "Check Northbridge Lab Hub" }).click();
  await expect(page.getByText("The hub answered: JupyterHub 5.2.1.")).toBeVisible();
  // A hub that does not answer is said to be unreachable, not shown as a plain green "active".
  await page.goto("/orgs/northbridge-university/hubs/new");
  await page.getByLabel("Name").fill("Northbridge Old Hub");
  await page.getByLabel("Address").fill("http://127.0.0.1:9/hub/home");
  await page.getByRole("button", { name: "Add hub" }).click();
  await expect(page.getByText(/Northbridge Old Hub is added, but the check failed/)).toBeVisible();
  await expect(page.getByRole("row", { name: /Northbridge Old Hub/ })).toContainText(
    "active · unreachable at last check",
  );

  // As the initiative's lead, it records a release; the form explains what is missing first.
  await page.goto(`/initiatives/${IN_PROGRESS}`);
  await page.getByRole("link", { name: "Record milestones and deliverables" }).click();
  const add = page.getByRole("region", { name: "Add a deliverable" });
  await add.getByLabel("Kind").selectOption("release");
  await add.getByLabel("What was delivered").fill("Usage metrics endpoint, released");
  await add.getByLabel("Link").fill("https://github.com/jupyterhub/jupyterhub/releases/tag/5.2.0");
  await add.getByLabel("Landed on").fill(new Date().toISOString().slice(0, 10));
  await add.getByRole("button", { name: "Add deliverable" }).click();
  await expect(add.getByText("Say which version was released.")).toBeVisible();
  await add.getByLabel("In release").fill("5.2.0");
  await add.getByLabel("Upstream project").selectOption({ label: "JupyterHub" });
  await add.getByRole("button", { name: "Add deliverable" }).click();
  await expect(page.getByText("Deliverable added; it is on the public page.")).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Deliverables" })
      .getByRole("link", { name: "Usage metrics endpoint, released" }),
  ).toBeVisible();
  // Only staff close the work.
  await expect(page.getByRole("region", { name: "Final report" })).toHaveCount(0);
  await expectAccessible(page);

  await signOut(page);
  await signIn(page, "staff@commons.test");
  await page.goto(`/initiatives/${IN_PROGRESS}/delivery`);
  const report = page.getByRole("region", { name: "Final report" });
  await report.getByLabel("Outcome").selectOption("delivered");
  await report
    .getByLabel("What was delivered")
    .fill("Every hub reports active users the same way, from JupyterHub 5.2.0.");
  await report.getByRole("button", { name: "Close with this report" }).click();
  await expect(report.getByText("Confirm that the report is final and public.")).toBeVisible();
  await report.getByLabel("This report is final and public").check();
  await report.getByRole("button", { name: "Close with this report" }).click();
  await expect(page.getByText("Marked delivered, with the final report.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Final report: delivered" })).toBeVisible();

  // The hub's organization says its new hub runs it: verified from the version the check saw.
  await signOut(page);
  await signIn(page, "admin@northbridge.test");
  await page.goto(`/initiatives/${IN_PROGRESS}`);
  await page
    .getByLabel("One of your hubs runs this")
    .selectOption({ label: "Northbridge Lab Hub (Northbridge University)" });
  // A date to come is refused at the field, before anything is sent.
  await page.getByLabel("Since").fill("2999-01-01");
  await page.getByRole("button", { name: "Report rollout" }).click();
  await expect(page.getByText("The date cannot be in the future.")).toBeVisible();
  await expect(page.getByLabel("Since")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Since").fill(new Date().toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Report rollout" }).click();
  await expect(page.getByText(/verified from the hub's own version/)).toBeVisible();
  const runs = page.getByRole("region", { name: "Where it runs" });
  await expect(runs.getByRole("listitem").filter({ hasText: "Northbridge Lab Hub" })).toContainText(
    "Verified · JupyterHub 5.2.1",
  );
  await expectAccessible(page);

  // The badge follows.
  const badge = await page.request.get(`/initiatives/${IN_PROGRESS}/badge.svg`);
  expect(await badge.text()).toContain("delivered · on 1 hub");
});

test("an admin uploads the logo shown where the organization is credited", async ({ page }) => {
  await signIn(page, "admin@northbridge.test");
  await page.goto("/orgs/northbridge-university/settings");
  await page.getByRole("link", { name: /logo/ }).click();
  await page.getByLabel("Image").setInputFiles({
    name: "logo.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#0b5c8e"/><script>alert(1)</script></svg>',
    ),
  });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByText("The logo is saved; it shows wherever you are credited.")).toBeVisible();
  const src = await page.getByRole("img", { name: "Northbridge University logo" }).getAttribute("src");
  expect(src).toMatch(/^\/logos\/[0-9a-f]{24}\.png$/);
  const served = await page.request.get(src!);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect((await served.body()).toString("latin1")).not.toContain("script");

  // A file that is not an image is refused at the field.
  await page
    .getByLabel("Image")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("<html>hi</html>") });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /could not be read|not a PNG/ })).toBeVisible();
  await expectAccessible(page);
});

test("the lead plans a milestone, is refused a reached date still to come, and marks it reached; the public record follows", async ({
  page,
}) => {
  const slug = "image-pre-pulling-for-large-classes";
  const title = `Pre-pull tested on a 300-seat class (${Date.now()})`;
  await signIn(page, "noah@phs.test");
  await page.goto(`/initiatives/${slug}/delivery`);
  const add = page.getByRole("region", { name: "Add a milestone" });
  await add.getByLabel("Milestone").fill(title);
  await add.getByLabel("Planned for").fill("2027-03-01");
  // A milestone cannot have been reached on a day still to come: refused at the field.
  await add.getByLabel("Reached on").fill("2999-01-01");
  await add.getByRole("button", { name: "Add milestone" }).click();
  await expect(add.getByText("A milestone cannot be reached in the future.")).toBeVisible();
  await expect(add.getByLabel("Reached on")).toHaveAttribute("aria-invalid", "true");
  await add.getByLabel("Reached on").fill("");
  await add.getByRole("button", { name: "Add milestone" }).click();
  await expect(page.getByText("Milestone added.")).toBeVisible();

  const milestones = page.getByRole("region", { name: "Milestones" });
  const row = milestones.getByRole("listitem").filter({ hasText: title });
  await expect(row).toContainText("Planned for");
  await expectAccessible(page);
  // Each milestone's button says which one it marks.
  await row.getByRole("button", { name: `Mark reached today: ${title}` }).click();
  await expect(page.getByText("Milestone marked reached.")).toBeVisible();
  await expect(row).toContainText("Reached");
  await expect(row.getByRole("button")).toHaveCount(0);

  // The public page shows the same record to a visitor.
  await page.context().clearCookies();
  await page.goto(`/initiatives/${slug}`);
  await expect(
    page.getByRole("region", { name: "Milestones" }).getByRole("listitem").filter({ hasText: title }),
  ).toContainText("Reached");
});

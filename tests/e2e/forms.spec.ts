import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, withDatabase } from "./support";

// Forms moved onto Conform (ADR 0018) keep doing what they did, with their errors at the field.

test("email preferences: an unticked choice is saved and still unticked after a reload", async ({ page }) => {
  const person = "zara@dhguild.test"; // a member, not staff, used by no other journey
  await signIn(page, person);
  await page.goto("/account/notifications");
  // The staff-only choice is not offered to someone who is not staff.
  await expect(page.getByRole("checkbox", { name: /staff only/ })).toHaveCount(0);
  const updates = page.getByRole("checkbox", { name: "Progress updates on those initiatives" });
  const status = page.getByRole("checkbox", { name: /Decisions and status changes/ });
  await expect(updates).toBeChecked();
  await expect(status).toBeChecked();

  await updates.uncheck();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByText("Your email preferences are saved.")).toBeVisible();
  await page.reload();
  await expect(updates).not.toBeChecked();
  await expect(status).toBeChecked();
  await expectAccessible(page);

  // Saving without the staff-only box kept that choice as it was (on, as for everyone).
  const [row] = await withDatabase(
    (sql) => sql`select p.initiative_updates, p.initiative_submissions from notification_preferences p
      join users u on u.id = p.user_id where u.email = ${person}`,
  );
  expect(row).toMatchObject({ initiative_updates: false, initiative_submissions: true });
});

const LOGO_PAGE = "/orgs/bio-image-community/logo";
const ADMIN = "felix@bioimage.test"; // an admin of an organization no other journey uploads for
const tooLarge = { name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(2 * 1024 * 1024 + 1) };
const notAnImageType = { name: "logo.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a") };

test("a logo too large or of another type is refused at the field, before it is sent", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto(LOGO_PAGE);
  const image = page.getByLabel("Image");
  const uploads: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/logo")) uploads.push(r.url());
  });

  await image.setInputFiles(tooLarge);
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(image).toHaveAttribute("aria-invalid", "true");
  await expect(image).toHaveAccessibleDescription(/larger than 2 MB\. Use a smaller file\./);
  await expect(page.getByRole("alert").filter({ hasText: "larger than 2 MB" })).toBeVisible();

  await image.setInputFiles(notAnImageType);
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(image).toHaveAccessibleDescription(/Use a PNG, JPEG or SVG image\./);
  expect(uploads, "the browser refused them without sending them").toEqual([]);
  await expectAccessible(page);
});

test("without JavaScript the server gives the same answers at the field", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, ADMIN);
  await page.goto(LOGO_PAGE);
  const image = page.getByLabel("Image");

  // Over 2 MB: the upload stops at the limit, and the page says why at the field.
  await image.setInputFiles(tooLarge);
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(image).toHaveAttribute("aria-invalid", "true");
  await expect(image).toHaveAccessibleDescription(/larger than 2 MB\. Use a smaller file\./);

  await page.getByLabel("Image").setInputFiles(notAnImageType);
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByLabel("Image")).toHaveAccessibleDescription(/Use a PNG, JPEG or SVG image\./);

  // Nothing chosen.
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByLabel("Image")).toHaveAccessibleDescription(/Choose an image file\./);
});

/** An open initiative of the journey's own ($3,000 from three organizations, ten days left). */
async function openInitiative(title: string, totals = { pledgedMinor: 0, organizations: 0 }) {
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now()}`;
  await withDatabase(
    (sql) => sql`
      insert into initiatives (slug, organization_id, title, summary, problem, solution, plan, size, status,
        goal_minor, currency, min_backers, min_pledge_minor, pledge_deadline, review_started_at, submitted_at,
        pledged_minor, pledge_organizations)
      select ${slug}, id, ${title}, 'A shared improvement, co-funded.', 'Every hub solves it alone.',
        'Solve it once upstream.', 'Three milestones.', 'M', 'open', 300000, 'USD', 3, 10000,
        now() + interval '10 days', now(), now(), ${totals.pledgedMinor}, ${totals.organizations}
      from organizations where slug = 'open-climate-society'`,
  );
  return slug;
}

test("the staff collection forms each post their own intent and answer at their own field", async ({
  page,
}) => {
  // An open initiative of its own, so no other journey's pledges move under it.
  const slug = await openInitiative("Form answers");
  await signIn(page, "staff@commons.test");
  await page.goto(`/staff/collections/${slug}`);
  const minimum = page.getByRole("region", { name: "Smallest pledge" }).getByLabel(/^Smallest pledge/);
  const cap = page.getByRole("region", { name: "Matching rule" }).getByLabel(/^1:1 cap/);

  // The server refuses the amount: its answer shows at that field only.
  await minimum.fill("abc");
  await page.getByRole("region", { name: "Smallest pledge" }).getByRole("button", { name: "Save" }).click();
  await expect(minimum).toHaveAccessibleDescription("Enter an amount above zero, like 100.");
  await expect(minimum).toHaveAttribute("aria-invalid", "true");
  await expect(cap).not.toHaveAttribute("aria-invalid");

  // A 1:1 rule without a cap: the answer is the rule form's, said at the cap and nowhere else.
  await page.getByRole("region", { name: "Matching rule" }).getByLabel("Rule").selectOption("one_to_one");
  await cap.fill("");
  await page.getByRole("button", { name: "Save the rule" }).click();
  await expect(cap).toHaveAccessibleDescription("Set the most the pool adds to this initiative.");
  await expect(page.getByText("Set the most the pool adds to this initiative.")).toHaveCount(1);
  await expect(minimum).not.toHaveAccessibleDescription(/Set the most/);
  // The smallest pledge's earlier answer is gone: it was about a submission since replaced.
  await expect(minimum).not.toHaveAttribute("aria-invalid");
  await expect(page.getByText("Enter an amount above zero, like 100.")).toHaveCount(0);
  await expectAccessible(page);

  await minimum.fill("150");
  await page.getByRole("region", { name: "Smallest pledge" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Smallest pledge saved.")).toBeVisible();
  // After a save the page is answered afresh: the rule form's refusal does not linger either.
  await expect(cap).not.toHaveAttribute("aria-invalid");
  const [saved] = await withDatabase(
    (sql) => sql`select min_pledge_minor from initiatives where slug = ${slug}`,
  );
  expect(saved!.min_pledge_minor).toBe(15_000);
});

test("closing early collects every pledge, so the form asks for a confirmation before anything moves", async ({
  page,
}) => {
  // An open initiative whose funding rule holds (its totals set as pledges would have).
  const slug = await openInitiative("Close early", { pledgedMinor: 300_000, organizations: 3 });
  await signIn(page, "staff@commons.test");
  await page.goto(`/staff/collections/${slug}`);
  const close = page.getByRole("region", { name: "Close early" });
  await close.getByLabel("Rationale (public)").fill("Fully pledged a week early; the work can start.");
  await close.getByRole("button", { name: "Close now and collect" }).click();
  const confirm = close.getByLabel("Close and collect every pledge now");
  await expect(confirm).toHaveAccessibleDescription(/Confirm the close: every pledge is collected now\./);
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // The browser stopped it; sent without JavaScript, the server refuses it the same way.
  const refused = await page.request.post(`/staff/collections/${slug}`, {
    form: { intent: "close", rationale: "Fully pledged a week early; the work can start." },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("Confirm the close: every pledge is collected now.");
  const [row] = await withDatabase((sql) => sql`select status from initiatives where slug = ${slug}`);
  expect(row!.status).toBe("open");
});

test("an admin changes a member's role with the form on the people page", async ({ page }) => {
  await signIn(page, "luca@dhguild.test");
  await page.goto("/orgs/digital-humanities-guild/people");
  const role = page.getByLabel("Role for Zara Ahmed");
  const change = async (to: string) => {
    await role.selectOption(to);
    await role.locator("xpath=ancestor::form").getByRole("button", { name: "Change" }).click();
    await expect(page.getByText("Role changed.")).toBeVisible();
    await page.reload();
    await expect(role).toHaveValue(to);
  };
  await change("admin");
  await change("member");
});

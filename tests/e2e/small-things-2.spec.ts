import { expect, test } from "@playwright/test";
import { expectAccessible, linkIn, signIn, uniqueEmail, waitForMail, withDatabase } from "./support";

// Issue 13, item 10, the remaining small things: each walked as the person would.

test("staff see when reconciliation last ran and what it found, not an empty page either way", async ({
  page,
}) => {
  // Only this journey runs reconciliation by hand; the daily schedule (06:30 UTC) may also have
  // run on this server. Either way the page says which state it is in, never an empty table.
  const before = await withDatabase((sql) => sql`select count(*)::int as n from reconciliation_runs`);

  await signIn(page, "staff@commons.test");
  await page.goto("/staff/reconciliation");
  const lastRun = page.getByText(/^Last run: /);
  await expect(page.getByRole("heading", { name: "Never run yet" }).or(lastRun)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByText("Reconciliation is running")).toBeVisible();
  // The job runs in the worker: reload until its result is recorded.
  await expect(async () => {
    await page.reload();
    await expect(lastRun).toContainText("run by Sam Rivera", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Never run yet" })).toHaveCount(0);
  const after = await withDatabase((sql) => sql`select count(*)::int as n from reconciliation_runs`);
  expect(after[0]!.n).toBeGreaterThan(before[0]!.n);

  // What the page says is what the run recorded: when, who, how much was checked, the outcome.
  const [run] = await withDatabase(
    (sql) => sql`select checked, mismatches from reconciliation_runs order by started_at desc limit 1`,
  );
  const outcome = run!.mismatches ? `${run!.mismatches} difference` : "all matched";
  await expect(lastRun).toContainText(/Last run: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(run by Sam Rivera\)/);
  await expect(lastRun).toContainText(`${run!.checked} payment`);
  await expect(lastRun).toContainText(outcome);
  if (run!.mismatches)
    await expect(
      page.getByRole("table", { name: "Differences between the ledger and Stripe" }),
    ).toBeVisible();
  await expectAccessible(page);
});

test("resending an invitation says the earlier link stopped working, and that link says why", async ({
  page,
  browser,
}) => {
  const invitee = uniqueEmail("invitee");
  await signIn(page, "elena@astrodata.test");
  await page.goto("/orgs/astro-data-collective/people");

  await page.getByLabel("Email").fill(invitee);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible();
  // The form is ready for the next person.
  await expect(page.getByLabel("Email")).toHaveValue("");
  const first = linkIn(await waitForMail(invitee), "/invitations/");

  await page.getByRole("button", { name: `Resend the invitation to ${invitee}` }).click();
  await expect(
    page.getByText(`A new link was sent to ${invitee}; the earlier link no longer works.`),
  ).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("");
  await expectAccessible(page);
  const second = linkIn(
    await waitForMail(invitee, (m) => !m.html.includes(first.split("/invitations/")[1]!)),
    "/invitations/",
  );
  expect(second).not.toBe(first);

  // The invitee, not signed in, follows each link.
  const context = await browser.newContext();
  const invited = await context.newPage();
  await invited.goto(first);
  await expect(
    invited.getByRole("heading", { name: "This invitation link was replaced by a newer one" }),
  ).toBeVisible();
  await expect(invited.getByText("Open the most recent invitation email")).toBeVisible();
  await expectAccessible(invited);
  await invited.goto(second);
  await expect(invited.getByRole("heading", { name: "Join Astro Data Collective" })).toBeVisible();
  await expect(invited.getByText(`The invitation was sent to ${invitee}.`)).toBeVisible();
  await context.close();
});

test("a declined card on Stripe's page keeps what was typed, and Cancel still leads back", async ({
  page,
}) => {
  // Digital Humanities Guild has no membership in the demo network, so it can pay for one.
  await signIn(page, "luca@dhguild.test");
  await page.goto("/orgs/digital-humanities-guild/billing");
  await page
    .getByRole("button", { name: /^Pay for .* by card$/ })
    .first()
    .click();

  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await page.getByLabel("Email").fill("luca@dhguild.test");
  await page.getByLabel("Card number").fill("4000 0000 0000 0002");
  await page.getByLabel("Expiry").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Name on card").fill("Luca Bianchi");
  await page.getByRole("button", { name: "Subscribe" }).click();

  await expect(page.getByRole("alert")).toContainText("Your card was declined.");
  await expect(page.getByLabel("Email")).toHaveValue("luca@dhguild.test");
  await expect(page.getByLabel("Expiry")).toHaveValue("12 / 34");
  await expect(page.getByLabel("Name on card")).toHaveValue("Luca Bianchi");
  await expect(page.getByLabel("Card number")).toBeFocused();

  await page.getByRole("link", { name: "Cancel and go back" }).click();
  await expect(page).toHaveURL(/\/orgs\/digital-humanities-guild\/billing\?canceled=1$/);
  await expect(page.getByText("Checkout was canceled: nothing was charged.")).toBeVisible();
});

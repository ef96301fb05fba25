import { expect, test } from "@playwright/test";
import { expectAccessible, FAKE_HUB, linkIn, uniqueEmail, waitForMail } from "./support";

// Issue 2 journey: sign up → verify → create organization → add hub → invite a
// colleague → the colleague accepts. Every page on the way passes axe.
test("a new person sets up their organization and a colleague joins it", async ({ page, browser }) => {
  // Nine pages, each scanned by axe: more than the default minute on a busy 2-core machine.
  test.setTimeout(150_000);
  const email = uniqueEmail("founder");
  const slug = `tide-lab-${Date.now()}`;

  await page.goto("/");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  await expectAccessible(page);

  // Bad input is answered at the field, and nothing typed is lost.
  await page.getByLabel("Your name").fill("Marina Silva");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is among the most common ones. Choose another.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill("tides and currents 2026");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  await expectAccessible(page);
  const verification = await waitForMail(email);
  const code = verification.subject.match(/^(\d{6})/)![1]!;
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "New organization" }).click();
  await page.getByLabel("Name").fill("Tide Lab");
  await page.getByLabel("Web address").fill(slug);
  await page.getByLabel("Kind").selectOption("community");
  await page.getByLabel("Short description").fill("Coastal researchers sharing tide models.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}$`));
  await expect(page.getByRole("heading", { name: "Tide Lab" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Add a hub" }).first().click();
  await page.getByLabel("Name").fill("Tide Teaching Hub");
  await page.getByLabel("Address").fill("not an address");
  await page.getByRole("button", { name: "Add hub" }).click();
  await expect(page.getByText(/full address/)).toBeVisible();
  await page.getByLabel("Address").fill(FAKE_HUB);
  await page.getByRole("spinbutton", { name: /^Users/ }).fill("140");
  await page.getByLabel("Users reported on").fill("2026-11-01");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add hub" }).click();
  // The hub is checked as it is added.
  await expect(page.getByText("Tide Teaching Hub is added; it answered: JupyterHub 5.2.1.")).toBeVisible();
  await expect(page.getByRole("cell", { name: /JupyterHub 5\.2\.1/ })).toBeVisible();
  await page.getByRole("button", { name: "Check Tide Teaching Hub" }).click();
  await expect(page.getByText("The hub answered: JupyterHub 5.2.1.")).toBeVisible();
  await expect(page.getByRole("cell", { name: /JupyterHub 5\.2\.1/ })).toBeVisible();
  await expectAccessible(page);

  const colleague = uniqueEmail("colleague");
  await page.getByRole("link", { name: "People" }).click();
  await page.getByLabel("Email").fill(colleague);
  await page.getByLabel("Role", { exact: true }).selectOption("admin");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${colleague}.`)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: colleague })).toContainText("as admin");

  // The colleague has no account yet: the invitation creates one and links it.
  const invitation = await waitForMail(colleague);
  expect(invitation.subject).toContain("Tide Lab");
  const other = await browser.newContext();
  const colleaguePage = await other.newPage();
  await colleaguePage.goto(linkIn(invitation, "/invitations/"));
  await expect(colleaguePage.getByRole("heading", { name: "Join Tide Lab" })).toBeVisible();
  await expectAccessible(colleaguePage);
  await colleaguePage.getByRole("link", { name: "Create an account" }).click();
  await expect(colleaguePage.getByLabel("Email")).toHaveValue(colleague);
  await colleaguePage.getByLabel("Your name").fill("Kofi Boateng");
  await colleaguePage.getByLabel("Password").fill("a colleague's passphrase");
  await colleaguePage.getByRole("button", { name: "Create account" }).click();
  await expect(colleaguePage.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  const colleagueCode = await waitForMail(colleague, (m) => /verification code/.test(m.subject));
  await colleaguePage.getByLabel("Verification code").fill(colleagueCode.subject.slice(0, 6));
  await colleaguePage.getByRole("button", { name: "Confirm" }).click();
  await expect(colleaguePage.getByRole("heading", { name: "Join Tide Lab" })).toBeVisible();
  await colleaguePage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(colleaguePage.getByText("Welcome to Tide Lab.")).toBeVisible();
  await expect(colleaguePage.getByText("Your role: admin")).toBeVisible();
  await colleaguePage.getByRole("link", { name: "Hubs" }).click();
  await expect(colleaguePage.getByText("Tide Teaching Hub")).toBeVisible();
  await expectAccessible(colleaguePage);
  await other.close();

  // The founder sees the colleague in the list, and the changes in the activity log.
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "Kofi Boateng" })).toContainText("admin");
  await page.getByRole("link", { name: "Activity" }).click();
  // In words, not raw keys (issue 13, item 10).
  await expect(page.getByRole("cell", { name: "Invitation accepted", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Hub created", exact: true })).toBeVisible();
  await expect(page.getByText("invitation.accepted", { exact: true })).toHaveCount(0);
  await expectAccessible(page);
});

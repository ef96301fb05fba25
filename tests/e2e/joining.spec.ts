import { expect, test } from "@playwright/test";
import { expectAccessible, uniqueEmail, waitForMail } from "./support";

// Issue 13, item 1: the tier chosen on the pricing page is carried through sign-up, the
// email code and creating the organization straight to payment, and each page says where
// the person is. (It took nine steps and choosing the tier three times.)
test("joining from the pricing page keeps the tier through sign-up and organization creation to payment", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("joiner");
  const slug = `join-lab-${Date.now()}`;
  await page.goto("/membership");
  await page.getByRole("link", { name: "Join at Institution" }).click();

  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  const steps = page.getByRole("navigation", { name: "Joining at Institution" });
  await expect(steps).toContainText("step 1 of 3");
  await expectAccessible(page);
  await page.getByLabel("Your name").fill("Lena Park");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("joining with a tier 2026");
  await page.getByRole("button", { name: "Create account" }).click();

  const code = (await waitForMail(email, (m) => /verification code/.test(m.subject))).subject.slice(0, 6);
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();

  await expect(page).toHaveURL(/\/orgs\/new\?tier=/);
  await expect(steps).toContainText("step 2 of 3");
  await expect(page.getByLabel("Kind")).toHaveValue("institution");
  await page.getByLabel("Name").fill("Join Lab University");
  await page.getByLabel("Web address").fill(slug);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create and go to payment" }).click();

  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}/billing\\?tier=`));
  await expect(page.getByText("Last step: pay for Institution by card or invoice.")).toBeVisible();
  await expect(steps).toContainText("step 3 of 3");
  await expect(page.getByRole("button", { name: "Pay for Institution by card" })).toBeVisible();
  await expectAccessible(page);

  // The page after signing in shows the organization and that it is not a member yet.
  await page.goto("/account");
  const row = page.getByRole("listitem").filter({ hasText: "Join Lab University" });
  await expect(row).toContainText("not a member");
});

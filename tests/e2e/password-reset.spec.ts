import { expect, test } from "@playwright/test";
import { expectAccessible, linkIn, signIn, uniqueEmail, waitForMail } from "./support";

test("someone who forgot their password resets it by email and the old sessions end", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("forgetful");
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Ravi Kumar");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("first passphrase here");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  const code = (await waitForMail(email, (m) => /verification code/.test(m.subject))).subject.slice(0, 6);
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();

  const other = await browser.newContext();
  const resetPage = await other.newPage();
  await resetPage.goto("/login");
  await resetPage.getByRole("link", { name: "Forgot your password?" }).click();
  await expectAccessible(resetPage);
  await resetPage.getByLabel("Email").fill(email);
  await resetPage.getByRole("button", { name: "Send reset link" }).click();
  await expect(resetPage.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const mail = await waitForMail(email, (m) => m.subject.includes("Reset"));
  await resetPage.goto(linkIn(mail, "/reset-password"));
  await expectAccessible(resetPage);
  await resetPage.getByLabel("New password", { exact: true }).fill("second passphrase here");
  await resetPage.getByLabel("Repeat the new password").fill("second passphrase typo");
  await resetPage.getByRole("button", { name: "Change password" }).click();
  await expect(resetPage.getByText("The two passwords do not match.")).toBeVisible();
  await resetPage.getByLabel("New password", { exact: true }).fill("second passphrase here");
  await resetPage.getByLabel("Repeat the new password").fill("second passphrase here");
  await resetPage.getByRole("button", { name: "Change password" }).click();
  await expect(resetPage.getByText("Your password is changed.")).toBeVisible();
  await signIn(resetPage, email, "second passphrase here");
  await other.close();

  // The first browser's session was ended on the server.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);

  // The link works once.
  await page.goto(linkIn(mail, "/reset-password"));
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
});

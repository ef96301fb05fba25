import { expect, test } from "@playwright/test";
import { signIn } from "./support";

// An error inside an initiative page is answered in the page's own space: the site's
// header and navigation stay, and the message says what happened (issue 13, section 3).
// The route's boundary (a level-2 heading and "Try again"), not the root's whole-page one.

test("a missing initiative in the staff area is a 404 inside the site layout", async ({ page }) => {
  await signIn(page, "staff@commons.test");
  const response = await page.goto("/staff/initiatives/no-such-initiative");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Error 404", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("a member on a staff triage page sees a 403 inside the site layout", async ({ page }) => {
  await signIn(page, "member@northbridge.test");
  const response = await page.goto("/staff/initiatives/course-roster-sync-from-learning-management-systems");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Error 403", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "You can't do this here" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("a missing public initiative is a 404 inside the site layout", async ({ page }) => {
  const response = await page.goto("/initiatives/no-such-initiative");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 2, name: "Not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

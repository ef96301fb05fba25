import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, signIn } from "./support";

// The initiative page's forms for participants (post an update, endorse, report a rollout)
// go through Conform and their zod schema like every other form (issue 13, section 3), but
// are fetched only by people who see them: a visitor's first download stays under budget.

const DELIVERED = "/initiatives/littlest-jupyterhub-upgrade-assistant";
const FORM_CHUNK = /\/assets\/(PostUpdateForm|EndorseForm|RolloutForm)-[\w-]+\.js/;

function scriptsOf(page: Page) {
  const urls: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") urls.push(new URL(r.url()).pathname);
  });
  return urls;
}

test("a visitor does not download the participants' forms", async ({ page }) => {
  const scripts = scriptsOf(page);
  await page.goto(DELIVERED);
  await expect(page.getByRole("heading", { name: "Updates" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => FORM_CHUNK.test(s))).toEqual([]);
  await expect(page.getByRole("form", { name: "Post an update" })).toHaveCount(0);
});

test("staff posting an update are told at each field what is missing, before and after sending", async ({
  page,
}) => {
  await signIn(page, "staff@commons.test");
  const scripts = scriptsOf(page);
  await page.goto(DELIVERED);
  const form = page.getByRole("form", { name: "Post an update" });
  await form.getByLabel("Title", { exact: true }).fill("ab");
  await form.getByLabel("Update", { exact: true }).fill("Too short");
  // Leaving a field says nothing yet, so the button stays where the pointer is going...
  const button = form.getByRole("button", { name: "Post update" });
  const before = await button.boundingBox();
  await form.getByLabel("Update", { exact: true }).blur();
  await expect(form.getByText("Write at least 10 characters.")).toHaveCount(0);
  expect(await button.boundingBox()).toEqual(before);
  // ...and sending says what is wrong with each field.
  await button.click();
  await expect(form.getByText("Use at least 3 characters.")).toBeVisible();
  await expect(form.getByText("Write at least 10 characters.")).toBeVisible();
  await expect(form.getByLabel("Title", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // Checked in the browser by the lazily loaded form: nothing was sent.
  expect(scripts.some((s) => /PostUpdateForm-/.test(s))).toBe(true);
  await expect(page.getByText("Update posted; endorsers are emailed.")).toHaveCount(0);
  await expectAccessible(page);

  // Typing a valid title clears its message at once.
  await form.getByLabel("Title", { exact: true }).fill("Packaged");
  await expect(form.getByText("Use at least 3 characters.")).toHaveCount(0);
  await expect(form.getByText("Write at least 10 characters.")).toBeVisible();

  // Corrected, it posts.
  const title = `Packaged for conda-forge (${Date.now()})`;
  await form.getByLabel("Title", { exact: true }).fill(title);
  await form
    .getByLabel("Update", { exact: true })
    .fill("The assistant is now on conda-forge as well as PyPI.");
  await form.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByText("Update posted; endorsers are emailed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
});

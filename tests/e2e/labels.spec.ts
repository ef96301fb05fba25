import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./support";

// Issue 13, item 9: a label says "(optional)" only when the field may be left empty. Fields
// needed in some cases (to submit a proposal, to approve, with a number of users) say when.

async function optionalLabels(page: Page) {
  return page.locator("label", { hasText: "(optional)" }).allInnerTexts();
}

test("fields that are needed to submit, to approve or with another field never say “(optional)”", async ({
  page,
  browser,
}) => {
  await signIn(page, "admin@northbridge.test");
  await page.goto("/orgs/northbridge-university/initiatives/new");
  const proposal = await optionalLabels(page);
  for (const needed of ["Summary", "The problem", "Proposed solution", "Implementation plan"])
    expect(proposal.some((label) => label.startsWith(needed))).toBe(false);
  await expect(page.getByText("Needed to submit; a draft can be saved without it.").first()).toBeVisible();
  // Truly optional ones still say so.
  expect(proposal.some((label) => label.startsWith("Suggest a project not on the list"))).toBe(true);

  await page.goto("/orgs/northbridge-university/hubs/new");
  expect((await optionalLabels(page)).some((label) => label.startsWith("Users reported on"))).toBe(false);
  await expect(page.getByText("Needed with a number of users.")).toBeVisible();

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, "staff@commons.test");
  await staff.goto("/staff/initiatives/per-user-storage-quotas-with-warnings");
  await expect(staff.getByRole("button", { name: "Record decision" })).toBeVisible();
  const decision = await optionalLabels(staff);
  for (const needed of ["Rationale", "Funding goal", "Minimum backing organizations", "Pledge deadline"])
    expect(decision.some((label) => label.startsWith(needed))).toBe(false);
  await staff.context().close();
});

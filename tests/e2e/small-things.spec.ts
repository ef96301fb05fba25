import { expect, test } from "@playwright/test";
import { signIn } from "./support";

// Issue 13, item 10: small things that add up.

test("the organizations menu closes once a page is chosen, and on Escape", async ({ page }) => {
  await signIn(page, "admin@northbridge.test");
  const menu = page.locator("details", { hasText: "Your organizations" });
  await menu.locator("summary").click();
  await expect(menu).toHaveAttribute("open", "");
  await page.keyboard.press("Escape");
  await expect(menu).not.toHaveAttribute("open", "");
  await menu.locator("summary").click();
  await menu.getByRole("link", { name: "Northbridge University" }).click();
  await expect(page).toHaveURL(/\/orgs\/northbridge-university$/);
  await expect(menu).not.toHaveAttribute("open", "");
});

test("the home page features what is open for pledges, and the pricing grid leaves no card alone", async ({
  page,
}) => {
  await page.goto("/");
  const featured = page.getByRole("region", { name: "Open for pledges now" });
  await expect(featured.getByRole("listitem").first()).toBeVisible();
  await expect(featured.getByRole("link").first()).toHaveAttribute("href", /^\/initiatives\//);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/membership");
  const tops = await page
    .getByRole("list", { name: "Membership tiers" })
    .locator(":scope > li")
    .evaluateAll((cards) => cards.map((card) => Math.round(card.getBoundingClientRect().top)));
  const rows = new Map<number, number>();
  for (const top of tops) rows.set(top, (rows.get(top) ?? 0) + 1);
  const perRow = [...rows.values()];
  expect(perRow.length).toBeGreaterThan(0);
  if (perRow.length > 1) expect(perRow.at(-1)).toBeGreaterThan(1);
});

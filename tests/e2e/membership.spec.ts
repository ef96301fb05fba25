import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, waitForMail } from "./support";

// Issue 3 journey: an institution admin joins by card on the emulator's checkout
// page, sees the active membership, and receives a receipt by email.
test("an institution admin joins by card and sees the active membership and a receipt", async ({ page }) => {
  await page.goto("/membership");
  await expect(page.getByRole("heading", { name: "Institution" })).toBeVisible();
  await expectAccessible(page);

  await signIn(page, "tomas@hit.test");
  await page.goto("/orgs/highland-institute-of-technology/billing");
  await expect(page.getByRole("heading", { name: "No membership yet" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Pay for Institution by card" }).click();

  // Stripe's hosted checkout (the local emulator): a declined card first.
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await page.getByLabel("Card number").fill("4000 0000 0000 0002");
  await page.getByLabel("Expiry").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("alert")).toContainText("Your card was declined.");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Try again" }).click();

  await expect(page).toHaveURL(/\/billing\/confirm\?session_id=/);
  await expect(page.getByRole("heading", { name: "Your membership is active" })).toBeVisible({
    timeout: 20_000,
  });
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to billing" }).click();
  await expect(page.getByText("active", { exact: true })).toBeVisible();
  await expect(page.getByText(/Next renewal on \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await expect(page.getByRole("cell", { name: "paid" })).toBeVisible();
  await expectAccessible(page);

  const receipt = await waitForMail("tomas@hit.test", (m) => m.subject.startsWith("Receipt"));
  expect(receipt.text).toContain("$12,000");
  expect(receipt.text).toContain("Highland Institute of Technology");

  await page.getByRole("link", { name: "Hubs" }).click();
  await expect(page.getByText("2 of 5 hubs covered by your membership.")).toBeVisible();
});

test("staff create a tier and it appears on the public membership page", async ({ page }) => {
  await signIn(page, "staff@commons.test");
  await page.goto("/staff/tiers");
  await expectAccessible(page);
  const name = `Lab ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Yearly price").fill("12.345");
  await page.getByLabel("Hubs included").fill("3");
  await page.getByRole("button", { name: "Create tier" }).click();
  await expect(page.getByText("Enter an amount like 5000 or 5000.00.")).toBeVisible();
  await page.getByLabel("Yearly price").fill("2500");
  await page.getByRole("button", { name: "Create tier" }).click();
  await expect(page.getByText(`${name} is created.`)).toBeVisible();
  await page.goto("/membership");
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("$2,500")).toBeVisible();
});

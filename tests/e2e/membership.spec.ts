import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, waitForMail } from "./support";

// Issue 3 journey: an institution admin joins by card on the emulator's checkout
// page, sees the active membership, and receives a receipt by email.
test("an institution admin joins by card and sees the active membership and a receipt", async ({ page }) => {
  // A long journey (checkout, receipt, tier change, statement) with an axe scan on each page.
  test.setTimeout(150_000);
  await page.goto("/membership");
  await expect(page.getByRole("heading", { name: "Institution" })).toBeVisible();
  await expectAccessible(page);

  await signIn(page, "tomas@hit.test");
  await page.goto("/orgs/highland-institute-of-technology/billing");
  await expect(page.getByRole("heading", { name: "No membership yet" })).toBeVisible();
  await expectAccessible(page);

  // An invoice a purchasing office accepts (issue 13, item 8): the country chosen by name, the
  // postal code checked against it; a wrong one is answered at the field and nothing is issued.
  await page.getByLabel("Billing contact").fill("Accounts Payable");
  await page.getByLabel("Billing email").fill("ap@hit.example.edu");
  await page.getByLabel("Street address").fill("Universitätsring 1");
  await page.getByLabel("City").fill("Wien");
  await page.getByLabel("Postal code").fill("10115");
  await page.getByLabel("Country").selectOption({ label: "Austria" });
  await page.getByRole("button", { name: "Request invoice" }).click();
  await expect(page.getByLabel("Postal code")).toHaveAccessibleDescription(
    /not a postal code used in Austria/,
  );
  await expect(page.getByLabel("Country")).toHaveValue("AT");
  await expect(page.getByRole("heading", { name: "No membership yet" })).toBeVisible();

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
  await expect(page.getByText(/Next renewal on [A-Z][a-z]{2} \d{1,2}, \d{4}/)).toBeVisible();
  await expect(page.getByRole("cell", { name: "paid" })).toBeVisible();
  await expectAccessible(page);

  const receipt = await waitForMail("tomas@hit.test", (m) => m.subject.startsWith("Receipt"));
  expect(receipt.text).toContain("$12,000");
  expect(receipt.text).toContain("Highland Institute of Technology");

  // The receipt page, linked from billing and from the email.
  await page.reload();
  await page.getByRole("table", { name: "Receipts" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /^Receipt COMMONS-/ })).toBeVisible();
  const receiptPage = page.getByRole("article");
  await expect(receiptPage.getByText("Highland Institute of Technology")).toBeVisible();
  await expect(receiptPage.getByRole("row", { name: /Total paid \(USD\)/ })).toContainText("$12,000");
  await expect(receiptPage.getByText(/^pi_/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to billing" }).click();

  // A tier change is confirmed by Stripe and applies from the next renewal; the paid tier stays.
  await page
    .getByRole("listitem")
    .filter({ hasText: "Standard" })
    .getByRole("button", { name: "Switch at renewal" })
    .click();
  await expect(page.getByText(/applies from the next renewal/)).toBeVisible();
  await expect(
    page.getByText(/Changes to Standard .* at the next renewal on [A-Z][a-z]{2} \d{1,2}, \d{4}/),
  ).toBeVisible();
  await expect(page.getByText("2 of 5 hubs covered by your membership")).toBeVisible();

  // Ending the membership asks first, and the page says so at once; keeping it renewing undoes it.
  await page.getByText("Cancel at period end…").click();
  await page.getByRole("button", { name: "Yes, end it at the period's close" }).click();
  await expect(page.getByText("The membership will end at the close of its period.")).toBeVisible();
  await expect(page.getByText(/^Ends on [A-Z][a-z]{2} \d{1,2}, \d{4}/)).toBeVisible();
  await expect(page.getByText(/^Next renewal on/)).toHaveCount(0);
  await page.getByRole("button", { name: "Keep renewing" }).click();
  await expect(page.getByText(/^Next renewal on [A-Z][a-z]{2} \d{1,2}, \d{4}/)).toBeVisible();

  // The statement for this year lists the payment and Stripe's fee, and downloads as CSV.
  await page.getByRole("link", { name: "Statements for any period" }).click();
  const statement = page.getByRole("table", { name: "Statement" });
  await expect(statement.getByRole("row", { name: /Membership payment/ })).toContainText("$12,000");
  await expect(statement.getByRole("row", { name: /Processor fee/ })).toContainText("-$348.30");
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^commons-statement-highland-institute-of-technology-.*\.csv$/,
  );
  await page.getByLabel("From").fill("2020-12-31");
  await page.getByLabel("To").fill("2020-01-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("The end comes before the start.")).toBeVisible();

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

test("a community applies for a subsidised membership, staff approve it with a reason, and the community sees it", async ({
  browser,
}) => {
  const communityContext = await browser.newContext();
  const community = await communityContext.newPage();
  await signIn(community, "admin@geocarpentry.test");
  await community.goto("/orgs/geoscience-carpentry/billing");
  await community.getByLabel("Your statement").fill("Too short.");
  await community.getByRole("button", { name: "Apply" }).click();
  await expect(community.getByText(/Write at least 40 characters/)).toBeVisible();
  await community
    .getByLabel("Your statement")
    .fill(
      "Volunteer instructors teaching 650 early-career geoscientists a year; we run on donations and cannot pay a fee.",
    );
  await expectAccessible(community);
  await community.getByRole("button", { name: "Apply" }).click();
  await expect(community.getByText("Application sent.")).toBeVisible();
  await expect(community.getByText("waiting for a decision")).toBeVisible();

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "staff@commons.test");
  await staff.goto("/staff/subsidies");
  const item = staff.getByRole("listitem").filter({ hasText: "Geoscience Carpentry" });
  await expect(item).toContainText("650 early-career geoscientists");
  await expectAccessible(staff);
  await item
    .getByLabel(/Reason shown to/)
    .fill("A volunteer-run community teaching many early-career researchers: exactly what the pool is for.");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(staff.getByText("Approved: the membership is active.")).toBeVisible();

  await community.reload();
  await expect(community.getByText("subsidy", { exact: false }).first()).toBeVisible();
  await expect(community.getByText("active", { exact: true })).toBeVisible();
  await expect(community.getByText(/Staff's reason: A volunteer-run community/)).toBeVisible();
  const mail = await waitForMail("admin@geocarpentry.test", (m) => m.subject.includes("subsidised"));
  expect(mail.text).toContain("exactly what the pool is for");
  await communityContext.close();
  await staffContext.close();
});

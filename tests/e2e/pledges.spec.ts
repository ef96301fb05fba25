import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, signIn, waitForMail, withDatabase } from "./support";

// Issue 10 journeys: communities and an institution pledge (card, card with
// authentication, invoice), a cancellation in the final 24 hours is refused, the
// deadline passes (the clock is moved, not waited for), collection runs, an errored
// pledge is fixed with a new card, receipts arrive, and the funders list names the
// right organizations and keeps the anonymous one anonymous. And an initiative that
// misses its minimum organizations releases every pledge and charges nobody.

async function openInitiative(
  title: string,
  options: { goal: number; minBackers: number; hoursLeft: number },
) {
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now()}`;
  await withDatabase(
    (sql) => sql`
      insert into initiatives (slug, organization_id, title, summary, problem, solution, plan, size, status,
        goal_minor, currency, min_backers, min_pledge_minor, pledge_deadline, review_started_at, submitted_at)
      select ${slug}, id, ${title}, 'A shared improvement, co-funded.', 'Every hub solves it alone.',
        'Solve it once upstream.', 'Three milestones.', 'M', 'open', ${options.goal * 100}, 'USD',
        ${options.minBackers}, 10000, now() + make_interval(hours => ${options.hoursLeft}), now(), now()
      from organizations where slug = 'open-climate-society'`,
  );
  return slug;
}

/** Moves the deadline into the past and has staff run the pledge clock. */
async function passDeadline(page: Page, slug: string) {
  await withDatabase(
    (sql) => sql`update initiatives set pledge_deadline = now() - interval '1 minute' where slug = ${slug}`,
  );
  await signIn(page, "staff@commons.test");
  await page.goto("/staff/collections");
  await page.getByRole("button", { name: "Run the pledge clock now" }).click();
  await expect(page.getByText("The pledge clock is running")).toBeVisible();
  await expectAccessible(page);
}

async function fillCard(page: Page, number: string, button: string) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: button }).click();
}

async function pledge(
  page: Page,
  slug: string,
  amount: string,
  how: "card" | "invoice",
  extra?: (page: Page) => Promise<void>,
) {
  await page.goto(`/initiatives/${slug}`);
  await page.getByRole("link", { name: "Pledge", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Pledge" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(/^Amount/).fill(amount);
  await page.getByLabel(how === "card" ? /By card/ : /Against an invoice/).check();
  await extra?.(page);
  await page.getByRole("button", { name: "Pledge", exact: true }).click();
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

test("three organizations pledge, the deadline passes, every pledge is collected once and credited as chosen", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const slug = await openInitiative("Pledge drive for shared kernels", {
    goal: 3000,
    minBackers: 3,
    hoursLeft: 20,
  });

  // A community pledges by card: the card is saved on Stripe's page; the pledge commits when Stripe confirms.
  await signIn(page, "sofia@neuro-open.test");
  await page.goto(`/initiatives/${slug}`);
  await expectAccessible(page);
  await pledge(page, slug, "1000", "card");
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await fillCard(page, "4242 4242 4242 4242", "Save card");
  await expect(page).toHaveURL(/\/orgs\/neuro-open-lab\/pledges\/.+\?card=saved/);
  await expect(page.getByText("Committed", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page);
  const committed = await waitForMail("sofia@neuro-open.test", (m) =>
    m.subject.startsWith("Pledge committed"),
  );
  expect(committed.text).toContain("Nothing is charged unless the initiative is funded");

  // A second community's bank asks for 3-D Secure when the card is saved.
  await signOut(page);
  await signIn(page, "kwame@ruralschools.test");
  await pledge(page, slug, "1000", "card");
  await fillCard(page, "4000 0027 6000 3184", "Save card");
  await page.getByRole("button", { name: "Complete authentication" }).click();
  await expect(page.getByText("Committed", { exact: true })).toBeVisible({ timeout: 20_000 });

  // An institution pledges against an invoice, anonymously.
  await signOut(page);
  await signIn(page, "noah@phs.test");
  await pledge(page, slug, "1500", "invoice", async (p) => {
    await p.getByLabel("Billing contact").fill("Accounts Payable");
    await p.getByLabel("Invoice email").fill("ap@phs.example.org");
    await p.getByLabel("PO number").fill("PO-2027-001");
    await p.getByLabel("Address").fill("1 Health Way");
    await p.getByLabel("City").fill("Seattle");
    await p.getByLabel("Country").selectOption("US");
    await p.getByLabel(/^Anonymous/).check();
  });
  await expect(page.getByText("Your pledge is committed.")).toBeVisible();
  await expectAccessible(page);

  // In the final 24 hours, canceling would take it below its minimum of organizations: refused.
  await signOut(page);
  await signIn(page, "sofia@neuro-open.test");
  await page.goto(`/initiatives/${slug}`);
  await page.getByRole("link", { name: /Neuro Open Lab: \$1,000/ }).click();
  await page.getByText("Cancel this pledge…").click();
  await page.getByRole("button", { name: "Yes, cancel the pledge" }).click();
  await expect(page.getByText(/minimum of 3 organizations/)).toBeVisible();

  // The public sees the funders as they chose; the anonymous institution is named nowhere, page data included.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/initiatives/${slug}`);
  const funders = visitor.getByRole("region", { name: "Funders" });
  await expect(funders.getByRole("link", { name: "Neuro Open Lab" })).toBeVisible();
  await expect(funders.getByRole("link", { name: "Rural Schools Data" })).toBeVisible();
  await expect(funders.getByText("1 anonymous organization")).toBeVisible();
  expect(await visitor.content()).not.toContain("Pacific Health");
  await expect(visitor.getByText(/\$3,500.*pledged of \$3,000 · 3 of 3 organizations/)).toBeVisible();
  await expectAccessible(visitor);

  // The deadline passes: funded, and collection starts.
  await signOut(page);
  await passDeadline(page, slug);
  await page.goto(`/staff/collections/${slug}`);
  await expect(page.getByRole("heading", { name: /Pledge drive for shared kernels/ })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Funded", { exact: true }).first()).toBeVisible({ timeout: 1000 });
    await expect(page.getByRole("row", { name: /Rural Schools Data/ })).toContainText("Payment failed", {
      timeout: 1000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("row", { name: /Pacific Health Sciences/ })).toContainText(
    "anonymous in public",
  );
  await expectAccessible(page);

  // The 3-D Secure card cannot be charged off-session: its admins are asked to fix the payment.
  const actionNeeded = await waitForMail("kwame@ruralschools.test", (m) =>
    m.subject.startsWith("Action needed"),
  );
  expect(actionNeeded.text).toContain("confirm the payment");
  await signOut(page);
  await signIn(page, "kwame@ruralschools.test");
  await page.goto("/orgs/rural-schools-data");
  await expect(page.getByRole("alert").filter({ hasText: "Fix payment" })).toBeVisible();
  await page.getByRole("link", { name: /the pledge to Pledge drive/ }).click();
  await expect(page.getByRole("heading", { name: "Fix payment" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Use a new card" }).click();
  await fillCard(page, "5555 5555 5555 4444", "Save card");
  await expect(page.getByText("Paid", { exact: true })).toBeVisible({ timeout: 30_000 });
  await waitForMail("kwame@ruralschools.test", (m) => m.subject.startsWith("Receipt"));
  await page.reload();
  await page.getByRole("link", { name: /^receipt P-/ }).click();
  await expect(page.getByText("$1,000").first()).toBeVisible();
  await expectAccessible(page);

  // The first community's card was charged once; its receipt arrives.
  const receipt = await waitForMail("sofia@neuro-open.test", (m) => m.subject.startsWith("Receipt"));
  expect(receipt.text).toContain("$1,000");
  const charges = await withDatabase(
    (sql) => sql`select count(*)::int as n from payment_attempts a join pledges p on p.id = a.pledge_id
      join initiatives i on i.id = p.initiative_id
      where i.slug = ${slug} and a.operation like 'payment-intent.%' and a.status = 'succeeded'`,
  );
  expect(charges[0]!.n).toBe(2);

  // After funding the page shows what was collected and what is still in collection, each as a figure.
  await visitor.reload();
  await expect(visitor.getByRole("term").filter({ hasText: "Collected" })).toBeVisible();
  await expect(visitor.getByText("1 anonymous organization")).toBeVisible();
  await visitorContext.close();
});

test("an initiative that misses its minimum of organizations is released: nobody is charged", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const slug = await openInitiative("Too few backers for GPU sharing", {
    goal: 500,
    minBackers: 3,
    hoursLeft: 48,
  });
  await signIn(page, "ines@bioimage.test");
  await pledge(page, slug, "600", "card");
  await fillCard(page, "4242 4242 4242 4242", "Save card");
  await expect(page.getByText("Committed", { exact: true })).toBeVisible({ timeout: 20_000 });
  const pledgeUrl = page.url().replace(/\?.*$/, "");

  await signOut(page);
  await passDeadline(page, slug);
  await signOut(page);
  await signIn(page, "ines@bioimage.test");
  await expect(async () => {
    await page.goto(pledgeUrl);
    await expect(page.getByText("Released", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const released = await waitForMail("ines@bioimage.test", (m) => m.subject.includes("was not funded"));
  expect(released.text).toContain("nothing was charged");
  const attempts = await withDatabase(
    (sql) => sql`select count(*)::int as n from payment_attempts a join pledges p on p.id = a.pledge_id
      join initiatives i on i.id = p.initiative_id where i.slug = ${slug} and a.operation like 'payment-intent.%'`,
  );
  expect(attempts[0]!.n).toBe(0);
});

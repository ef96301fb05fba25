import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, waitForMail, withDatabase } from "./support";

// Staff merge a duplicate proposal in triage (issue 4): the form asks for a confirmation
// because the merge cannot be undone, the duplicate's backing moves to the original, the
// duplicate's page points at the original, and its proposers are told by email.

async function proposalInReview(title: string, organization: string) {
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Date.now()}`;
  await withDatabase(
    (sql) => sql`
      insert into initiatives (slug, organization_id, title, summary, problem, solution, plan, size, status,
        review_started_at, submitted_at)
      select ${slug}, id, ${title}, 'One sign-in across every hub of a network.', 'Each hub runs its own login.',
        'A shared identity provider, upstream.', 'Two milestones.', 'M', 'in_review', now(), now()
      from organizations where slug = ${organization}`,
  );
  return slug;
}

test("staff merge a duplicate only once they confirm it; its backing moves to the original and its proposers are told", async ({
  page,
  baseURL,
}) => {
  const original = await proposalInReview("Single sign-on across hubs", "open-climate-society");
  const duplicate = await proposalInReview("One login for every hub", "hydrology-commons");

  await signIn(page, "staff@commons.test");
  await page.goto(`/staff/initiatives/${duplicate}`);
  await page.getByText("Mark as a duplicate…").click();
  // The original's whole address, pasted from the browser, is understood.
  await page.getByLabel("The original initiative").fill(`${baseURL}/initiatives/${original}`);
  await page.getByLabel("Why they are the same").fill("Same work, same upstream.");
  await page.getByRole("button", { name: "Merge into the original" }).click();
  await expect(page.getByText("Confirm the merge: it cannot be undone.")).toBeVisible();
  await expect(page.getByLabel("Merge for good")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // Nothing was merged.
  expect(await withDatabase((sql) => sql`select status from initiatives where slug = ${duplicate}`)).toEqual([
    { status: "in_review" },
  ]);

  await page.getByLabel("Merge for good").check();
  await page.getByRole("button", { name: "Merge into the original" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/initiatives/${original}$`));
  await expect(page.getByText(/Merged: 1 endorsement moved to “Single sign-on across hubs”/)).toBeVisible();

  // The public pages say where the work went, and who backs it now.
  await page.goto(`/initiatives/${duplicate}`);
  await expect(page.getByText("Merged into")).toBeVisible();
  await page.getByRole("link", { name: "Single sign-on across hubs" }).click();
  await expect(page).toHaveURL(new RegExp(`/initiatives/${original}$`));
  await expect(page.getByText("Hydrology Commons").first()).toBeVisible();

  // The duplicate's proposers are told, with the reason and the original's address.
  const mail = await waitForMail(
    "hannah@hydrocommons.test",
    (m) => m.subject === "One login for every hub was merged into Single sign-on across hubs",
  );
  expect(mail.html).toContain("Same work, same upstream.");
  expect(mail.html).toContain(`/initiatives/${original}`);
});

import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, uniqueEmail, waitForMail } from "./support";

// Issue 12: attacks that used to work, tried again in a real browser.
test("a sign-in link whose redirectTo hides another host behind a tab or a backslash stays on Commons", async ({
  page,
  baseURL,
}) => {
  for (const target of ["/\t/example.org", "/\\example.org", "//example.org"]) {
    await page.context().clearCookies();
    await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill("member@northbridge.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/account" || url.host !== new URL(baseURL!).host);
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
  }
});

test("a 50 MB post to the sign-in form is refused at once, and the server keeps answering", async ({
  request,
}) => {
  const huge = "a".repeat(50 * 1024 * 1024);
  const posts = await Promise.all(
    Array.from({ length: 4 }, () =>
      request
        .post("/login", { data: huge, headers: { "content-type": "application/x-www-form-urlencoded" } })
        .then(
          (r) => r.status(),
          // The server may close the connection before the client finished sending: refused too.
          () => 413,
        ),
    ),
  );
  expect(posts).toEqual([413, 413, 413, 413]);
  expect((await request.get("/healthz")).status()).toBe(200);
});

test("signing up with an address that has an account looks exactly like a new sign-up; the owner is told (issue 12, item 6)", async ({
  browser,
}) => {
  const taken = "sofia@neuro-open.test";
  const fresh = uniqueEmail("newcomer");
  const answers: string[] = [];
  for (const address of [taken, fresh]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Mallory");
    await page.getByLabel("Email").fill(address);
    await page.getByLabel("Password").fill("a guess at an account");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
    answers.push(((await page.locator("main").innerText()) ?? "").replace(address, "<address>"));
    if (address === taken) {
      const notice = await waitForMail(taken, (m) => m.subject === "You already have a Commons account");
      expect(notice.text).toContain("no new account was made");
      // There is no code to enter: any guess is just wrong, as a mistyped code is.
      await page.getByLabel("Verification code").fill("123456");
      await page.getByRole("button", { name: "Confirm" }).click();
      await expect(page.getByText("That code is not right.")).toBeVisible();
    }
    await context.close();
  }
  expect(answers[0]).toBe(answers[1]);
});

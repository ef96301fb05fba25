import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support";

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

import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./support";

// Someone from another organization is refused its pages and forms.
test("a member of one organization is refused another's pages and forms", async ({ page }) => {
  await signIn(page, "admin@geocarpentry.test");

  const listed = await page.goto("/orgs/northbridge-university/hubs");
  expect(listed?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You can't open this page" })).toBeVisible();
  await expectAccessible(page);

  const hidden = await page.goto("/orgs/pacific-health-sciences");
  expect(hidden?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  const form = await page.goto("/orgs/northbridge-university/hubs/new");
  expect(form?.status()).toBe(403);

  // Posting the form directly (same origin, as a browser would) is refused too.
  const posted = await page.request.post("/orgs/northbridge-university/hubs/new", {
    form: { intent: "save", name: "Sneaky Hub", url: "https://sneaky.example.org", status: "active" },
    headers: { "sec-fetch-site": "same-origin" },
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(403);

  // Their own organization still works.
  const own = await page.goto("/orgs/geoscience-carpentry/hubs");
  expect(own?.status()).toBe(200);
  await expect(page.getByText("Carpentry Workshops")).toBeVisible();
  await expectAccessible(page);
});

test("a cross-site form post is refused before any action runs", async ({ request }) => {
  const response = await request.post("/login", {
    form: { email: "admin@northbridge.test", password: "commons-demo-2026" },
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("pages carry a nonce CSP that their scripts use, and the other security headers", async ({ page }) => {
  const response = await page.goto("/members");
  const headers = response!.headers();
  const nonce = headers["content-security-policy"]?.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  expect(headers["x-powered-by"]).toBeUndefined();
  const inline = await page
    .locator("script:not([src])")
    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(inline.length).toBeGreaterThan(0);
  expect(inline.every((n) => n === nonce)).toBe(true);
});

test("a page that fails inside an organization keeps the organization's tabs", async ({ page }) => {
  await signIn(page, "admin@geocarpentry.test");
  const missing = await page.goto(`/orgs/geoscience-carpentry/pledges/${crypto.randomUUID()}`);
  expect(missing?.status()).toBe(404);
  // The page's own space says what happened (RouteErrorBoundary) ...
  await expect(page.getByRole("alert").getByRole("heading", { name: "Not found" })).toBeVisible();
  // ... and the layout around it, the organization's tabs, is still there.
  await expect(page.getByRole("link", { name: "People", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Hubs", exact: true })).toBeVisible();
  await expectAccessible(page);
});

import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// Shared steps for the journeys: reading the SMTP sink, signing in, and the
// accessibility check every visited page goes through.

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const MAIL_API = `http://127.0.0.1:${E2E_PORT + 1}`;
export const FAKE_HUB = `http://127.0.0.1:${E2E_PORT + 2}`;
export const DEMO_PASSWORD = "commons-demo-2026";

export const uniqueEmail = (label: string) =>
  `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

type Mail = { to: string[]; subject: string; text: string; html: string };

export async function waitForMail(
  to: string,
  match: (m: Mail) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Mail> {
  for (let i = 0; i < timeoutMs / 100; i++) {
    const response = await fetch(`${MAIL_API}/messages?to=${encodeURIComponent(to)}`);
    const found = ((await response.json()) as Mail[]).filter(match).at(-1);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${to}`);
}

export function linkIn(mail: Mail, path: string) {
  const found = mail.html.match(new RegExp(`https?://[^"'\\s]+${path}[^"'\\s<]*`))?.[0];
  if (!found) throw new Error(`no ${path} link in "${mail.subject}"`);
  return found.replaceAll("&amp;", "&");
}

/** The width of a small phone (issue 13, item 7). */
export const PHONE_WIDTH = 375;

/**
 * At 375 px the page never scrolls sideways: wide tables scroll inside their own box.
 * Checked on every page a journey checks for accessibility; the viewport is put back.
 */
export async function expectFitsPhone(page: Page) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: PHONE_WIDTH, height: before?.height ?? 800 });
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= width) return { scroll, width, wide: [] };
    // What sticks out: the innermost elements reaching past the edge, to say in the failure.
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => ![...el.children].some((child) => child.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => {
        const text = (el.textContent ?? "").trim().slice(0, 40);
        return `<${el.tagName.toLowerCase()}> "${text}" (${Math.round(el.getBoundingClientRect().right)} px)`;
      });
    return { scroll, width, wide };
  });
  if (before) await page.setViewportSize(before);
  expect(
    overflow.scroll,
    `${page.url()} scrolls sideways at ${PHONE_WIDTH} px: ${overflow.wide.join(", ")}`,
  ).toBeLessThanOrEqual(overflow.width);
}

/** WCAG 2.2 A/AA through axe-core, then the phone-width check; fails with what is wrong. */
export async function expectAccessible(page: Page) {
  await expectFitsPhone(page);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/**
 * SQL against the e2e server's database, for journeys that move the clock (a pledge
 * deadline passing) or set up what staff would have done. The server writes its
 * database URL to this file when it starts.
 */
export async function withDatabase<T>(work: (sql: import("postgres").Sql) => Promise<T>): Promise<T> {
  const { readFileSync } = await import("node:fs");
  const postgres = (await import("postgres")).default;
  const sql = postgres(readFileSync(".data/e2e-database-url", "utf8").trim(), { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** An API request context signed in as `email` (for tables of requests by role). */
export async function signedInRequest(baseURL: string | undefined, email: string) {
  const { request } = await import("@playwright/test");
  const context = await request.newContext({ baseURL });
  const response = await context.post("/login", {
    form: { email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(response.status(), `sign in as ${email}`).toBe(302);
  return context;
}

import { mkdirSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium";

// Screenshots of every page at 375 px and 1280 px, for a look before a release.
// Run against a running portal with demo data: `npm run dev`, then
// `tsx scripts/screenshots.ts [base-url]`. Files go to .data/screenshots/.

const base = process.argv[2] ?? "http://localhost:3000";
const out = ".data/screenshots";
mkdirSync(out, { recursive: true });

const PUBLIC = [
  "/",
  "/members",
  "/members/northbridge-university",
  "/initiatives",
  "/membership",
  "/login",
  "/signup",
  "/forgot-password",
  "/no-such-page",
];
const ADMIN = [
  "/account",
  "/orgs/new",
  "/orgs/northbridge-university",
  "/orgs/northbridge-university/hubs",
  "/orgs/northbridge-university/hubs/new",
  "/orgs/northbridge-university/people",
  "/orgs/northbridge-university/settings",
  "/orgs/northbridge-university/activity",
  "/orgs/coastal-ocean-lab",
  "/dev/outbox",
];
const STAFF = ["/staff"];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("commons-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/account$/);
}

for (const width of [375, 1280]) {
  for (const [who, paths] of [
    ["public", PUBLIC],
    ["admin", ADMIN],
    ["staff", STAFF],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    if (who === "admin") await signIn(page, "admin@northbridge.test");
    if (who === "staff") await signIn(page, "staff@commons.test");
    for (const path of paths) {
      await page.goto(`${base}${path}`);
      const name = `${who}${path.replaceAll("/", "_") || "_home"}-${width}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: true });
      console.log(`${out}/${name}`);
    }
    await context.close();
  }
}
await browser.close();

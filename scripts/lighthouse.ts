import { type ChildProcess, spawn } from "node:child_process";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { createPool } from "../db/client.server";
import { seed } from "../db/seed/index";
import { createTemplate, freePort, startTestCluster } from "../tests/setup/cluster";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium";

// Lighthouse on the public pages (issue 11, section 4): the production build on a
// throwaway database with the demo network, Debian's Chromium, desktop settings.
// Prints performance, accessibility, best practices and SEO per page; exits non-zero
// when any is below 95. Run with `npm run lighthouse` (it builds first).

const TARGET = 95;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

const cluster = await startTestCluster("lighthouse");
const url = await createTemplate(cluster.adminUrl, `commons_lighthouse_${process.pid}`);
let server: ChildProcess | undefined;
let chrome: chromeLauncher.LaunchedChrome | undefined;
let failed = false;

try {
  const seeding = createPool(url, 1);
  await seed(seeding.db);
  const [delivered] = await seeding.sql<{ slug: string }[]>`
    select slug from initiatives where status = 'delivered' order by slug limit 1`;
  const [member] = await seeding.sql<{ slug: string }[]>`
    select o.slug from organizations o join pledges p on p.organization_id = o.id and p.show_name
     where o.is_public group by o.slug order by count(*) desc, o.slug limit 1`;
  await seeding.sql.end();

  const port = await freePort();
  server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: url,
      APP_URL: `http://localhost:${port}`,
      SESSION_SECRET: "lighthouse-session-secret-0123456789",
      WORKER: "false",
      LOG_LEVEL: "warn",
      STRIPE_API_BASE: "http://127.0.0.1:9",
      STRIPE_SECRET_KEY: "sk_test_lighthouse",
      STRIPE_WEBHOOK_SECRET: "whsec_lighthouse",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://localhost:${port}`;
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }

  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ["--headless=new", ...CHROMIUM_FLAGS],
  });
  const pages: [string, string][] = [
    ["home", "/"],
    ["catalog", "/initiatives"],
    ["initiative", `/initiatives/${delivered!.slug}`],
    ["credit page", `/members/${member!.slug}`],
    ["network credits", "/credits"],
  ];
  console.log(`\npage              ${CATEGORIES.map((c) => c.padStart(15)).join("")}`);
  for (const [label, path] of pages) {
    const result = await lighthouse(
      `${base}${path}`,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] },
      desktopConfig,
    );
    const scores = CATEGORIES.map((c) => Math.round((result?.lhr.categories[c]?.score ?? 0) * 100));
    if (scores.some((s) => s < TARGET)) failed = true;
    console.log(`${label.padEnd(17)} ${scores.map((s) => String(s).padStart(15)).join("")}`);
    // What kept a category below 100, with the details of failing non-performance audits.
    for (const c of CATEGORIES) {
      const category = result?.lhr.categories[c];
      if (!category || category.score === 1) continue;
      const misses = category.auditRefs
        .map((ref) => result!.lhr.audits[ref.id]!)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative");
      console.log(
        `  ${c}: ${misses
          .map((a) => a.title)
          .slice(0, 6)
          .join("; ")}`,
      );
      if (c === "performance") continue;
      for (const audit of misses) {
        const items = (
          (audit.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []
        ).slice(0, 3);
        for (const item of items) console.log(`    ${audit.id}: ${JSON.stringify(item).slice(0, 300)}`);
      }
    }
  }
  console.log(failed ? `\nFAIL: a score is below ${TARGET}` : `\nPASS: every score is ${TARGET} or more`);
} finally {
  await chrome?.kill();
  if (server?.pid) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
  await cluster.stop();
}
process.exit(failed ? 1 : 0);

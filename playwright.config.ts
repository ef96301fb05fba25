import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./scripts/chromium";

// E2E_PORT moves the server and its three helpers (mail, hub, Stripe) to port..port+3, so
// two checkouts can run their journeys side by side.
const port = Number(process.env.E2E_PORT ?? 3100);

// Browser journeys in Debian's Chromium against the production build
// (tests/setup/e2e-server.ts). `npx playwright install` cannot download here.
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".data/reports/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    // A trace records every step of every journey and costs about a quarter of the run; CI
    // (whose artifacts nobody opens) turns it off, E2E_TRACE=on|off says otherwise.
    trace: (process.env.E2E_TRACE ?? (process.env.CI ? "off" : "on")) === "off" ? "off" : "retain-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "npm run build --silent && tsx tests/setup/e2e-server.ts",
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    // SIGTERM (not Playwright's default SIGKILL) lets the server stop its throwaway PostgreSQL
    // and delete its data directory.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    timeout: 240_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      E2E_PORT: String(port),
      E2E_MAIL_API_PORT: String(port + 1),
      E2E_FAKE_HUB_PORT: String(port + 2),
      E2E_STRIPE_PORT: String(port + 3),
    },
  },
});

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { startTestCluster } from "../tests/setup/cluster";
import { playwrightFailures, vitestFailures } from "./failures";

// `npm test`: one PostgreSQL for the whole run, then Vitest (unit + integration)
// and Playwright (browser journeys). The last line counts both runners' own
// JSON reports: `tests: N passed, N failed`.

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `Chromium is missing at ${chromium}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

mkdirSync(".data/reports", { recursive: true });
rmSync(".data/reports/vitest.json", { force: true });
rmSync(".data/reports/playwright.json", { force: true });

const cluster = await startTestCluster("run");
const env = { ...process.env, TEST_DATABASE_URL: cluster.adminUrl };

function run(command: string, args: string[]) {
  return new Promise<number>((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let stopped = false;
async function stop() {
  if (stopped) return;
  stopped = true;
  await cluster.stop();
}
process.on("SIGINT", () => void stop().then(() => process.exit(130)));

const vitestExit = await run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=.data/reports/vitest.json",
]);
const playwrightExit = await run("npx", ["playwright", "test"]);
await stop();

function counts(file: string, read: (report: Record<string, number>) => { passed: number; failed: number }) {
  if (!existsSync(file)) return { passed: 0, failed: 1, missing: true };
  return { ...read(JSON.parse(readFileSync(file, "utf8"))), missing: false };
}
const vitest = counts(".data/reports/vitest.json", (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: r.numFailedTests ?? 0,
}));
const playwright = counts(".data/reports/playwright.json", (r) => {
  const stats = (r as unknown as { stats: { expected: number; unexpected: number; flaky: number } }).stats;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
});
const passed = vitest.passed + playwright.passed;
const failed = vitest.failed + playwright.failed;
if (vitest.missing) console.error("Vitest wrote no report: counted as a failure.");
if (playwright.missing) console.error("Playwright wrote no report: counted as a failure.");
for (const line of [
  ...vitestFailures(".data/reports/vitest.json"),
  ...playwrightFailures(".data/reports/playwright.json"),
])
  console.log(line);
console.log(
  `vitest: ${vitest.passed} passed, ${vitest.failed} failed (exit ${vitestExit}); playwright: ${playwright.passed} passed, ${playwright.failed} failed (exit ${playwrightExit})`,
);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(vitestExit === 0 && playwrightExit === 0 && failed === 0 ? 0 : 1);

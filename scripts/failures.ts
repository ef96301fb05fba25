import { existsSync, readFileSync } from "node:fs";
import { basename, relative } from "node:path";
import { fileURLToPath } from "node:url";

// The tests that failed, by name, read from the runners' own JSON reports. `npm test` prints
// them above its summary, and .ci/run prints them again just above its last line, so a run
// whose log is seen only by its tail still says which test failed and why.

type VitestReport = {
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: {
      fullName: string;
      status: string;
      duration?: number | null;
      failureMessages?: string[];
    }[];
  }[];
};

type PlaywrightSuite = {
  title: string;
  file?: string;
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { status: string; results: { status: string; errors?: { message?: string }[] }[] }[];
  }[];
  suites?: PlaywrightSuite[];
};
type PlaywrightReport = { suites?: PlaywrightSuite[]; errors?: { message?: string }[] };

/** The first meaningful lines of an error, without terminal colours, at most 240 characters. */
function firstLine(message: string | undefined, count = 1) {
  const lines = (message ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .slice(0, count);
  return (lines.join(" ") || "no message").slice(0, 240);
}

const seconds = (ms: number | null | undefined) => (ms ? ` (after ${(ms / 1000).toFixed(1)} s)` : "");

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

/** "failed: file › name: first line of the error" for each failed Vitest test or file. */
export function vitestFailures(file: string): string[] {
  const report = readJson<VitestReport>(file);
  if (!report) return [];
  const lines: string[] = [];
  for (const result of report.testResults ?? []) {
    const where = relative(process.cwd(), result.name);
    const failed = (result.assertionResults ?? []).filter((a) => a.status === "failed");
    // A timeout's message is only "STACK_TRACE_ERROR" in the JSON report: the duration tells it apart.
    for (const a of failed)
      lines.push(
        `failed: ${where} › ${a.fullName}${seconds(a.duration)}: ${firstLine(a.failureMessages?.[0])}`,
      );
    if (failed.length === 0 && result.status === "failed")
      lines.push(`failed: ${where}: ${firstLine(result.message)}`);
  }
  return lines;
}

/** "failed:" (or "flaky:", passed on a retry) for each Playwright journey, with its first error. */
export function playwrightFailures(file: string): string[] {
  const report = readJson<PlaywrightReport>(file);
  if (!report) return [];
  const lines: string[] = [];
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    const path = suite.title === suite.file ? titles : [...titles, suite.title];
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const error = test.results.flatMap((r) => r.errors ?? [])[0]?.message;
        const name = [...path, spec.title].filter(Boolean).join(" › ");
        const kind = test.status === "flaky" ? "flaky" : "failed";
        lines.push(`${kind}: ${spec.file}:${spec.line} › ${name}: ${firstLine(error, 2)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, path);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  for (const error of report.errors ?? []) lines.push(`failed: playwright: ${firstLine(error.message)}`);
  return lines;
}

// `tsx scripts/failures.ts report.json ...`: the lines for each report (Vitest or Playwright),
// each after the report's name, as in "[vitest-lts] failed: ...".
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const file of process.argv.slice(2)) {
    const report = readJson<Record<string, unknown>>(file);
    if (!report) continue;
    const lines = "testResults" in report ? vitestFailures(file) : playwrightFailures(file);
    for (const line of lines) console.log(`[${basename(file, ".json")}] ${line}`);
  }
}

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { playwrightFailures, vitestFailures } from "./failures";

function report(name: string, body: unknown) {
  const file = join(mkdtempSync(join(tmpdir(), "failures-")), name);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

describe("the failed tests by name", () => {
  test("Vitest: each failed test with its first error line, and a file that failed to load", () => {
    const file = report("vitest.json", {
      testResults: [
        {
          name: join(process.cwd(), "app/lib/money.test.ts"),
          status: "failed",
          assertionResults: [
            { fullName: "money formats cents", status: "passed", failureMessages: [] },
            {
              fullName: "money rounds half up",
              status: "failed",
              duration: 20_012.4,
              failureMessages: [
                "\u001b[31mAssertionError: expected 3 to be 4\u001b[39m\n    at money.test.ts:9",
              ],
            },
          ],
        },
        {
          name: join(process.cwd(), "app/lib/csv.test.ts"),
          status: "failed",
          message: "SyntaxError: bad",
          assertionResults: [],
        },
        { name: join(process.cwd(), "app/lib/env.test.ts"), status: "passed", assertionResults: [] },
      ],
    });
    expect(vitestFailures(file)).toEqual([
      "failed: app/lib/money.test.ts › money rounds half up (after 20.0 s): AssertionError: expected 3 to be 4",
      "failed: app/lib/csv.test.ts: SyntaxError: bad",
    ]);
  });

  test("Playwright: failed and flaky journeys with the error and its locator; passing ones are not named", () => {
    const journey = (title: string, status: string, message?: string) => ({
      title,
      file: "forms.spec.ts",
      line: 12,
      tests: [{ status, results: [{ status: "failed", errors: message ? [{ message }] : [] }] }],
    });
    const file = report("playwright.json", {
      suites: [
        {
          title: "forms.spec.ts",
          file: "forms.spec.ts",
          specs: [journey("posts an update", "expected")],
          suites: [
            {
              title: "preferences",
              file: "forms.spec.ts",
              specs: [
                journey(
                  "survive a reload",
                  "unexpected",
                  "Error: expect(locator).toBeVisible() failed\n\nLocator: getByText('Saved')",
                ),
                journey("a second save", "flaky", "Timeout 5000ms exceeded."),
              ],
            },
          ],
        },
      ],
      errors: [{ message: "Error: webServer exited early" }],
    });
    expect(playwrightFailures(file)).toEqual([
      "failed: forms.spec.ts:12 › preferences › survive a reload: Error: expect(locator).toBeVisible() failed Locator: getByText('Saved')",
      "flaky: forms.spec.ts:12 › preferences › a second save: Timeout 5000ms exceeded.",
      "failed: playwright: Error: webServer exited early",
    ]);
  });

  test("a missing or unreadable report names nothing (the summary counts it as a failure)", () => {
    expect(vitestFailures(join(tmpdir(), "no-such-report.json"))).toEqual([]);
    const broken = report("playwright.json", "{");
    writeFileSync(broken, "{ not json");
    expect(playwrightFailures(broken)).toEqual([]);
  });
});

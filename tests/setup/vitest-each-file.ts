import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import { closeDb } from "../../db/client.server";
import { dropDatabase, recreateDatabase } from "./cluster";

// Every test file gets its own clone of the migrated template database, so files
// run in parallel without seeing each other's rows.
const adminUrl = inject("adminUrl");
const name = `commons_test_${randomBytes(6).toString("hex")}`;
process.env.DATABASE_URL = await recreateDatabase(adminUrl, name, inject("templateDatabase"));
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";

// ARCHITECTURE.md: console.error in a test is a failure.
let consoleErrors: unknown[][] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (consoleErrors.length > 0) {
    throw new Error(
      `console.error was called: ${consoleErrors.map((a) => a.map(String).join(" ")).join("\n")}`,
    );
  }
});

afterAll(async () => {
  await closeDb();
  await dropDatabase(adminUrl, name);
});

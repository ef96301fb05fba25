import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { users } from "#db/schema";
import { createLogger } from "./logger.server";

// Issue 12, item 10: a failed query's values (emails, names) never reach the logs.

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(stream, "info"), lines };
}

describe("error logs", () => {
  it("keep a failed query's SQL and error code but not its parameters", async () => {
    const address = `private-person-${Date.now()}@example.org`;
    const db = getDb();
    await db.insert(users).values({ email: address, name: "Private Person", passwordHash: "x" });
    const error = await db
      .insert(users)
      .values({ email: address, name: "Another Private Name", passwordHash: "x" })
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain(address); // what drizzle puts in the message
    const { logger, lines } = capture();
    logger.error({ err: error }, "unhandled error");
    const output = lines.join("");
    expect(output).toContain('insert into \\"users\\"');
    expect(output).toContain("users_email_lower_idx");
    expect(output).not.toContain(address);
    expect(output).not.toContain("Another Private Name");
  });
});

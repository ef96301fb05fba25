import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { freePort } from "#tests/setup/cluster";
import { startEmbeddedPostgres } from "./embedded";

// `kill -9` of the whole dev process group leaves a stale postmaster.pid; killing
// only the parent leaves a live orphan. Both must not break the next start.
describe("embedded PostgreSQL", () => {
  it("starts again after its server was killed with SIGKILL, keeping the data", async () => {
    const dataDir = path.resolve(".data", `embedded-test-${process.pid}`);
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, persistent: false });
    const sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await sql`create table kept (value text)`;
    await sql`insert into kept values ('survives')`;
    await sql.end();
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    execFileSync("kill", ["-9", String(pid)]);
    await new Promise((r) => setTimeout(r, 300));
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(true);

    const second = await startEmbeddedPostgres({ dataDir, port, persistent: false });
    const again = postgres(second.url, { max: 1, onnotice: () => {} });
    const rows = await again`select value from kept`;
    await again.end();
    await second.stop();
    expect(rows.map((r) => r.value)).toEqual(["survives"]);
  }, 60_000);

  it("stops an orphaned server whose parent was killed, then starts", async () => {
    const dataDir = path.resolve(".data", `embedded-orphan-${process.pid}`);
    const port = await freePort();
    const holder = await startHolder(dataDir, port);
    holder.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    const second = await startEmbeddedPostgres({ dataDir, port, persistent: false });
    const sql = postgres(second.url, { max: 1, onnotice: () => {} });
    const [row] = await sql`select 1 as ok`;
    await sql.end();
    await second.stop();
    expect(row?.ok).toBe(1);
  }, 60_000);

  it("refuses to touch a server another running process still owns", async () => {
    const dataDir = path.resolve(".data", `embedded-owned-${process.pid}`);
    const port = await freePort();
    const holder = await startHolder(dataDir, port);
    try {
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(/already running PostgreSQL/);
    } finally {
      holder.kill("SIGINT");
      await new Promise((r) => holder.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A separate process holding an embedded server, as `npm run dev` would. */
async function startHolder(dataDir: string, port: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/setup/embedded-holder.ts", dataDir, String(port)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

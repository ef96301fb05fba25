import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./free-port";

// Issue 12, Faults: Ctrl-C in the terminal sends SIGINT to the whole process group of
// `npm run dev`. The app must stop its work first and the embedded PostgreSQL last:
// exit code 0, no stack trace, nothing left running, the data there at the next start.
// (npm itself then ends by the same SIGINT, as it does for any interrupted script, so
// the shell knows it was interrupted; the app's own exit code is the one it logs.)

const dataDir = path.resolve(".data", `dev-stop-${process.pid}`);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Run = { child: ChildProcess; output: () => string; errors: () => string };

async function startDev(ports: { app: number; pg: number; stripe: number }): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    LOG_LEVEL: "info",
    PORT: String(ports.app),
    APP_URL: `http://localhost:${ports.app}`,
    EMBEDDED_PG_PORT: String(ports.pg),
    EMBEDDED_PG_DIR: dataDir,
    STRIPE_EMULATOR_PORT: String(ports.stripe),
  };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  // Its own process group, as a terminal gives `npm run dev`; the test signals the group.
  const child = spawn("npm", ["run", "dev"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes("Commons is listening")) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`npm run dev exited with ${code} while starting:\n${out}\n${err}`));
    });
  });
  return { child, output: () => out, errors: () => err };
}

/** Ctrl-C: SIGINT to every process in the group; resolves with how npm ended. */
async function pressCtrlC(run: Run) {
  const exited = new Promise<string>((resolve) =>
    run.child.once("exit", (code, signal) => resolve(signal ?? `code ${code}`)),
  );
  process.kill(-run.child.pid!, "SIGINT");
  return exited;
}

const appPid = (run: Run) => Number(run.output().match(/"pid":(\d+)/)?.[1]);

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function organizationCount(port: number) {
  const sql = postgres(`postgres://commons:commons-local@127.0.0.1:${port}/commons`, {
    max: 1,
    onnotice: () => {},
  });
  try {
    const [row] = await sql`select count(*)::int as n from organizations`;
    return row!.n as number;
  } finally {
    await sql.end();
  }
}

function postgresStillRunning() {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return false;
  return alive(Number(readFileSync(pidFile, "utf8").split("\n")[0]));
}

describe("npm run dev and Ctrl-C", () => {
  it("stops cleanly with exit code 0, leaves nothing running, and keeps the data for the next start", async () => {
    const ports = { app: await freePort(), pg: await freePort(), stripe: await freePort() };
    const first = await startDev(ports);
    const health = await fetch(`http://localhost:${ports.app}/healthz`);
    expect(health.status).toBe(200);
    const seeded = await organizationCount(ports.pg);
    expect(seeded).toBeGreaterThan(0);

    const app = appPid(first);
    expect(alive(app)).toBe(true);
    expect(await pressCtrlC(first)).toMatch(/^(SIGINT|code 0)$/);
    expect(first.output()).toContain("SIGINT: shutting down");
    expect(first.output()).toContain("stopped (exit code 0)");
    expect(alive(app)).toBe(false);
    expect(first.errors()).not.toMatch(/\n\s+at |Unhandled|ECONNRESET|terminating connection/);
    expect(postgresStillRunning()).toBe(false);
    await expect(fetch(`http://localhost:${ports.app}/healthz`)).rejects.toThrow();

    const second = await startDev(ports);
    expect(await organizationCount(ports.pg)).toBe(seeded);
    expect(second.output()).not.toContain("loaded the demo network");
    expect(await pressCtrlC(second)).toMatch(/^(SIGINT|code 0)$/);
    expect(second.output()).toContain("stopped (exit code 0)");
    expect(second.errors()).not.toMatch(/\n\s+at |Unhandled/);
    expect(postgresStillRunning()).toBe(false);
  }, 240_000);
});

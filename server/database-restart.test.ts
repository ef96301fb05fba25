import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../db/embedded";
import { ensureDatabaseExists, withDatabase } from "../db/migrate";
import { freePort } from "./free-port";

// Issue 12, Faults: with DATABASE_URL set, PostgreSQL restarts while the app is under
// load. The app server and its worker survive, /healthz says 503 while the database is
// down and 200 after, and background jobs run again (a sign-up's email is sent).

const dataDir = path.resolve(".data", `restart-pg-${process.pid}`);
let cluster: EmbeddedDatabase | undefined;
let app: ChildProcess | undefined;
afterAll(async () => {
  if (app?.exitCode === null) app.kill("SIGKILL");
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | false>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => false as const);
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("a database restart under load", () => {
  it("is survived: 503 while down, 200 after, and queued work runs again", async () => {
    const pgPort = await freePort();
    cluster = await startEmbeddedPostgres({ dataDir, port: pgPort });
    const url = withDatabase(cluster.url, "commons_restart");
    await ensureDatabaseExists(url);

    const port = await freePort();
    const appUrl = `http://localhost:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      DATABASE_URL: url,
      PORT: String(port),
      APP_URL: appUrl,
      STRIPE_EMULATOR_PORT: String(await freePort()),
      COMMONS_SKIP_SEED: "true",
    };
    delete env.TEST_DATABASE_URL;
    app = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    app.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    app.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await until("the app to listen", async () => output.includes("Commons is listening"), 90_000);
    const health = () => fetch(`${appUrl}/healthz`).then((r) => r.status);
    expect(await health()).toBe(200);

    // Load: pages and health checks every 50 ms for the whole restart.
    let loading = true;
    const statuses: number[] = [];
    const load = (async () => {
      while (loading) {
        const answers = await Promise.all(
          ["/healthz", "/", "/initiatives"].map((p) =>
            fetch(`${appUrl}${p}`)
              .then((r) => r.status)
              .catch(() => 0),
          ),
        );
        statuses.push(...answers);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    await cluster.stop();
    await until("/healthz to say 503", async () => (await health()) === 503, 15_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(app.exitCode).toBeNull();
    expect(await health()).toBe(503);

    cluster = await startEmbeddedPostgres({ dataDir, port: pgPort });
    await until("/healthz to say 200", async () => (await health()) === 200, 30_000);
    loading = false;
    await load;
    expect(app.exitCode).toBeNull();
    // No request was left unanswered (0) while the database was away.
    expect(statuses.filter((s) => s === 0)).toEqual([]);
    expect(statuses).toContain(503);

    // The worker runs jobs again: a sign-up's email (a queued job) is written.
    const email = `after-restart-${Date.now()}@example.org`;
    const signup = await fetch(`${appUrl}/signup`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: appUrl },
      body: new URLSearchParams({ name: "Restart", email, password: "a long enough passphrase" }),
    });
    expect(signup.status).toBe(302);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const queuedAt = Date.now();
    try {
      await until(
        "the sign-up email",
        async () => (await sql`select 1 from email_messages where "to" = ${email}`).length > 0,
        30_000,
      );
      // Woken by NOTIFY, not by the 5-second poll: the worker listens again after the restart.
      // (pg-boss re-runs LISTEN on its own session and checks it with pg_listening_channels().)
      const listening = await sql`select 1 from pg_stat_activity
        where pid <> pg_backend_pid() and (query ilike 'listen%' or query ilike '%pg_listening_channels%')`;
      expect(listening.length).toBeGreaterThan(0);
      expect(Date.now() - queuedAt).toBeLessThan(5_000);
    } finally {
      await sql.end();
    }
    expect(output).not.toMatch(/uncaughtException|unhandledRejection|Unhandled 'error' event/);

    const exited = new Promise((resolve) => app!.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
    expect(output).toContain("stopped (exit code 0)");
  }, 240_000);
});

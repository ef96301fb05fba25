import path from "node:path";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../db/embedded";
import { ensureDatabaseExists, runMigrations, withDatabase } from "../db/migrate";

export type PreparedDatabase = { url: string; embedded?: EmbeddedDatabase };

/**
 * DATABASE_URL set: use that server and start nothing. Unset: start the embedded
 * PostgreSQL under .data/ (ADR 0003), create the database and migrate it.
 */
export async function prepareDatabase(options: { migrate: boolean; log: (line: string) => void }) {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    if (options.migrate) await runMigrations(configured);
    return { url: configured } satisfies PreparedDatabase;
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const dataDir = path.resolve(process.env.EMBEDDED_PG_DIR ?? ".data/pg");
  options.log(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
  // Its own process group: Ctrl-C stops the app, and the app stops the database last.
  const embedded = await startEmbeddedPostgres({ dataDir, port, ownProcessGroup: true, log: options.log });
  const url = withDatabase(embedded.url, "commons");
  await ensureDatabaseExists(url);
  await runMigrations(url);
  process.env.DATABASE_URL = url;
  return { url, embedded } satisfies PreparedDatabase;
}

import { getSql } from "#db/client.server";

/** True when Postgres answers `select 1` within two seconds. */
export async function isDatabaseUp() {
  try {
    const sql = getSql();
    await Promise.race([
      sql`select 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

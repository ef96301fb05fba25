import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index";
import { runInTransactionContext } from "./transaction-context";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle: services accept either this or the pool. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Db = Database | Tx;

type Pool = { sql: postgres.Sql; db: Database };

// One pool per process, kept on globalThis so Vite's dev reloads reuse it.
const globalPool = globalThis as unknown as { __commonsPool?: Pool };

export function createPool(url: string, max = 10): Pool {
  // idle_timeout lets the process exit on SIGTERM (ARCHITECTURE.md).
  const sql = postgres(url, { max, idle_timeout: 20, connect_timeout: 5, onnotice: () => {} });
  const db = drizzle(sql, { schema, casing: "snake_case" });
  // Every transaction body runs marked (db/transaction-context.ts); nested ones inherit it.
  const transaction = db.transaction.bind(db);
  db.transaction = ((work, config) =>
    transaction((tx) => runInTransactionContext(() => work(tx)), config)) as Database["transaction"];
  return { sql, db };
}

function pool(): Pool {
  if (!globalPool.__commonsPool) {
    const url = process.env.DATABASE_URL;
    if (!url)
      throw new Error("DATABASE_URL is not set (the server sets it when it starts embedded Postgres)");
    globalPool.__commonsPool = createPool(url, Number(process.env.DATABASE_POOL_SIZE ?? 10));
  }
  return globalPool.__commonsPool;
}

export function getDb(): Database {
  return pool().db;
}

export function getSql(): postgres.Sql {
  return pool().sql;
}

export async function closeDb() {
  const current = globalPool.__commonsPool;
  globalPool.__commonsPool = undefined;
  await current?.sql.end({ timeout: 5 });
}

import { inArray, or, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { rateLimits } from "#db/schema";

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

/**
 * Counts one attempt against `key` in a fixed window, in Postgres so every app
 * server shares the count. One upsert; the window restarts once it has passed.
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
) {
  // Raw SQL fragments take ISO strings: postgres.js does not serialise Date there.
  const floor = sql`${new Date(now.getTime() - windowSeconds * 1000).toISOString()}::timestamptz`;
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} <= ${floor} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= ${floor} then ${at} else ${rateLimits.windowStart} end`,
      },
    })
    .returning();
  const elapsed = (now.getTime() - (row?.windowStart.getTime() ?? now.getTime())) / 1000;
  return {
    allowed: (row?.count ?? 1) <= limit,
    retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsed)),
  } satisfies RateLimitResult;
}

/** Whether `key` still has room under `limit`, without counting an attempt. */
export async function peekRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowSeconds: number,
  now = new Date(),
) {
  const [row] = await db.select().from(rateLimits).where(sql`${rateLimits.key} = ${key}`);
  const elapsed = row ? (now.getTime() - row.windowStart.getTime()) / 1000 : windowSeconds;
  const live = row !== undefined && elapsed < windowSeconds;
  return {
    allowed: !live || row.count < limit,
    retryAfterSeconds: live ? Math.max(1, Math.ceil(windowSeconds - elapsed)) : 0,
  } satisfies RateLimitResult;
}

/** Gives back one counted attempt (it turned out not to be one the limit is about). */
export async function refundRateLimit(db: Db, key: string) {
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(sql`${rateLimits.key} = ${key}`);
}

export async function clearRateLimit(db: Db, key: string) {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

/** Lifts every sign-in and reset limit on an account (after the owner proved the address). */
export async function clearRateLimitsOfAccount(db: Db, email: string) {
  const escaped = email.replace(/[\\%_]/g, (c) => `\\${c}`);
  const exact = [`login:account:${email}`, `reset:account:${email}`];
  const perClient = ["login:account-client:", "login:account-client-day:", "reset:account-client:"].map(
    (prefix) => `${prefix}${escaped}:%`,
  );
  await db
    .delete(rateLimits)
    .where(
      or(
        inArray(rateLimits.key, exact),
        ...perClient.map((pattern) => sql`${rateLimits.key} like ${pattern}`),
      ),
    );
}

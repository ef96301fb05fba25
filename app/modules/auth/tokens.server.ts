import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { userTokens } from "#db/schema";
import { hashSecret, randomSecret } from "./session.server";

type Purpose = "verify_email" | "reset_password";

/** Issues a one-time link token (and for email verification a 6-digit code), replacing older ones. */
export async function issueUserToken(
  db: Db,
  userId: string,
  purpose: Purpose,
  ttlMs: number,
  withCode = false,
) {
  await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  const token = randomSecret(24);
  const code = withCode
    ? String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, "0")
    : undefined;
  await db.insert(userTokens).values({
    userId,
    purpose,
    tokenHash: hashSecret(token),
    codeHash: code ? hashSecret(`${userId}:${code}`) : null,
    expiresAt: new Date(Date.now() + ttlMs),
  });
  return { token, code };
}

/** Marks a live link token used and returns its user, or null. */
export async function consumeLinkToken(db: Db, purpose: Purpose, token: string) {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(userTokens.tokenHash, hashSecret(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: userTokens.userId });
  return row?.userId ?? null;
}

/** Looks up a live link token without using it (to show the reset form). */
export async function peekLinkToken(db: Db, purpose: Purpose, token: string) {
  const [row] = await db
    .select({ userId: userTokens.userId })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashSecret(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    );
  return row?.userId ?? null;
}

const MAX_CODE_ATTEMPTS = 5;

/** Checks a 6-digit code for the user's live verification token; five wrong tries burn it. */
export async function consumeCode(db: Db, userId: string, code: string) {
  const [row] = await db
    .select()
    .from(userTokens)
    .where(
      and(
        eq(userTokens.userId, userId),
        eq(userTokens.purpose, "verify_email"),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  if (!row?.codeHash) return "expired" as const;
  // Every guess first takes one attempt in a single conditional UPDATE (issue 12, item
  // 2): concurrent guesses cannot all read the same count, so at most MAX_CODE_ATTEMPTS
  // of them are ever compared.
  const [claimed] = await db
    .update(userTokens)
    .set({ attempts: sql`${userTokens.attempts} + 1` })
    .where(
      and(eq(userTokens.id, row.id), isNull(userTokens.usedAt), lt(userTokens.attempts, MAX_CODE_ATTEMPTS)),
    )
    .returning({ attempts: userTokens.attempts });
  if (!claimed) return "expired" as const;
  if (row.codeHash !== hashSecret(`${userId}:${code}`)) {
    if (claimed.attempts < MAX_CODE_ATTEMPTS) return "wrong" as const;
    await db.update(userTokens).set({ usedAt: new Date() }).where(eq(userTokens.id, row.id));
    return "expired" as const;
  }
  const [used] = await db
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userTokens.id, row.id), isNull(userTokens.usedAt)))
    .returning({ id: userTokens.id });
  return used ? ("ok" as const) : ("expired" as const);
}

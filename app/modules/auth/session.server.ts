import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { sessions, users } from "#db/schema";

// Sessions the way the Lucia guide teaches them (ADR 0002): a token `id.secret`,
// only SHA-256(secret) stored, compared in constant time; idle and absolute expiry.

export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
const TOUCH_AFTER_MS = 60 * 60 * 1000;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  isStaff: boolean;
  emailVerified: boolean;
};
export type SessionValidation =
  | { ok: true; sessionId: string; user: SessionUser; expiresAt: Date }
  | { ok: false; reason: "malformed" | "unknown" | "expired" };

export function randomSecret(bytes = 20) {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function hashSecret(secret: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export async function createSession(db: Db, userId: string, now = new Date()) {
  const id = randomSecret();
  const secret = randomSecret();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db
    .insert(sessions)
    .values({ id, secretHash: hashSecret(secret), userId, expiresAt, createdAt: now, lastUsedAt: now });
  return { token: `${id}.${secret}`, expiresAt };
}

export async function validateSessionToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<SessionValidation> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined) return { ok: false, reason: "malformed" };
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row) return { ok: false, reason: "unknown" };
  const given = new TextEncoder().encode(hashSecret(secret));
  const stored = new TextEncoder().encode(row.session.secretHash);
  if (given.length !== stored.length || !constantTimeEqual(given, stored))
    return { ok: false, reason: "unknown" };
  const idleDeadline = row.session.lastUsedAt.getTime() + SESSION_IDLE_MS;
  if (now.getTime() >= row.session.expiresAt.getTime() || now.getTime() >= idleDeadline) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { ok: false, reason: "expired" };
  }
  if (now.getTime() - row.session.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, id));
  }
  const { user } = row;
  return {
    ok: true,
    sessionId: id,
    expiresAt: row.session.expiresAt,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isStaff: user.isStaff,
      emailVerified: user.emailVerifiedAt !== null,
    },
  };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `keepSessionId`. */
export async function invalidateUserSessions(db: Db, userId: string, keepSessionId?: string) {
  await db
    .delete(sessions)
    .where(
      keepSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
        : eq(sessions.userId, userId),
    );
}

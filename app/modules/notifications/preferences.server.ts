import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { notificationPreferences, users } from "#db/schema";
import { env, sessionSecret } from "~/lib/env.server";

// Per-person email choices (issue 4, item 8). A person without a row gets every
// email; the unsubscribe link carries an HMAC of their id, so it needs no
// storage and cannot be guessed for someone else.

export type PreferenceKey =
  | "initiativeStatus"
  | "initiativeUpdates"
  | "initiativeEndorsements"
  | "initiativeSubmissions";
export type Preferences = Record<PreferenceKey, boolean>;

export const PREFERENCE_LABELS: Record<PreferenceKey, string> = {
  initiativeStatus: "Decisions and status changes on initiatives my organizations proposed or endorsed",
  initiativeUpdates: "Progress updates on those initiatives",
  initiativeEndorsements: "Another organization endorses a proposal my organization made",
  initiativeSubmissions: "New proposals submitted for review (staff only)",
};

const ALL_ON: Preferences = {
  initiativeStatus: true,
  initiativeUpdates: true,
  initiativeEndorsements: true,
  initiativeSubmissions: true,
};

export async function preferencesOf(db: Db, userId: string): Promise<Preferences> {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  if (!row) return { ...ALL_ON };
  return {
    initiativeStatus: row.initiativeStatus,
    initiativeUpdates: row.initiativeUpdates,
    initiativeEndorsements: row.initiativeEndorsements,
    initiativeSubmissions: row.initiativeSubmissions,
  };
}

export async function savePreferences(db: Db, userId: string, preferences: Preferences) {
  await db
    .insert(notificationPreferences)
    .values({ userId, ...preferences })
    .onConflictDoUpdate({
      target: notificationPreferences.userId,
      set: { ...preferences, updatedAt: new Date() },
    });
}

function signature(userId: string) {
  return createHmac("sha256", sessionSecret()).update(`unsubscribe:${userId}`).digest("base64url");
}

export function unsubscribeToken(userId: string) {
  return `${userId}.${signature(userId)}`;
}

export function unsubscribeUrl(userId: string) {
  return `${env().appUrl}/unsubscribe/${unsubscribeToken(userId)}`;
}

/** The user a token belongs to, or null when it was not made by this server. */
export function userOfUnsubscribeToken(token: string): string | null {
  const [userId, given] = token.split(".");
  if (!userId || !given || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId))
    return null;
  const expected = Buffer.from(signature(userId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? userId : null;
}

/** Headers that let mail clients offer one-click unsubscribe (RFC 2369 and RFC 8058). */
export function unsubscribeHeaders(userId: string) {
  return {
    "List-Unsubscribe": `<${unsubscribeUrl(userId)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** Returns false when the account no longer exists (an old email's link). */
export async function unsubscribeFromAll(db: Db, userId: string) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) return false;
  await savePreferences(db, userId, {
    initiativeStatus: false,
    initiativeUpdates: false,
    initiativeEndorsements: false,
    initiativeSubmissions: false,
  });
  return true;
}

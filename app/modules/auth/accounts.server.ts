import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { users } from "#db/schema";
import { PasswordReset, passwordResetSubject } from "#emails/password-reset";
import { VerifyEmail, verifyEmailSubject } from "#emails/verify-email";
import { env } from "~/lib/env.server";
import { RateLimitedError, ValidationError } from "~/lib/errors";
import { enqueue, QUEUES } from "~/modules/jobs/boss.server";
import { sendEmail } from "~/modules/notifications/email.server";
import { burnPasswordCheck, hashPassword, isCommonPassword, verifyPassword } from "./password.server";
import { clearRateLimit, clearRateLimitsOfAccount, hitRateLimit, refundRateLimit } from "./rate-limit.server";
import { createSession, invalidateUserSessions } from "./session.server";
import { consumeCode, consumeLinkToken, issueUserToken, peekLinkToken } from "./tokens.server";

const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;
const RESET_TTL_MS = 60 * 60 * 1000;
// Sign-in limits (issue 12, item 7) are keyed on the account and the client together, so a
// stranger guessing from elsewhere cannot lock the real owner out: 5 tries per account and
// client in 15 minutes, then 10 in a day (the backoff); a wide ceiling per account stops a
// guess spread over many addresses; 100 per address (campuses share one) across accounts.
// A completed email reset proves the owner and lifts every sign-in limit on the account.
const LOGIN_WINDOW_S = 15 * 60;
const LOGIN_LIMITS = (email: string, ip: string) =>
  [
    { key: `login:account-client:${email}:${ip}`, count: 5, seconds: LOGIN_WINDOW_S },
    { key: `login:account-client-day:${email}:${ip}`, count: 10, seconds: 24 * 60 * 60 },
    { key: `login:account:${email}`, count: 50, seconds: LOGIN_WINDOW_S },
    { key: `login:ip:${ip}`, count: 100, seconds: LOGIN_WINDOW_S },
  ] as const;
// Reset requests: 3 per account and client, 10 per account, 10 per client, per hour.
const RESET_WINDOW_S = 60 * 60;

export function findUserByEmail(db: Db, email: string) {
  return db.query.users.findFirst({ where: sql`lower(${users.email}) = ${email.toLowerCase()}` });
}

function assertAcceptablePassword(password: string, field = "password") {
  if (isCommonPassword(password)) {
    throw new ValidationError({ [field]: ["This password is among the most common ones. Choose another."] });
  }
}

/** Resends allowed per account (issue 12, item 2): a code cannot be farmed nor an inbox bombed. */
export const RESEND_LIMITS = [
  { count: 3, seconds: 60 * 60, label: "an hour" },
  { count: 10, seconds: 24 * 60 * 60, label: "a day" },
] as const;

/** "Send me a new code": counted per account, per hour and per day, before anything is sent. */
export async function resendVerificationEmail(db: Db, user: { id: string; email: string; name: string }) {
  for (const limit of RESEND_LIMITS) {
    const result = await hitRateLimit(
      db,
      `verify-resend:${limit.seconds}:${user.id}`,
      limit.count,
      limit.seconds,
    );
    if (!result.allowed)
      throw new RateLimitedError(
        `You asked for ${limit.count} codes within ${limit.label}. Use the last one we sent, or try again later.`,
        result.retryAfterSeconds,
      );
  }
  await sendVerificationEmail(db, user);
}

export async function sendVerificationEmail(db: Db, user: { id: string; email: string; name: string }) {
  const { token, code } = await issueUserToken(db, user.id, "verify_email", VERIFY_TTL_MS, true);
  const appUrl = env().appUrl;
  await sendEmail(db, {
    to: user.email,
    subject: verifyEmailSubject(code!),
    template: "verify-email",
    body: VerifyEmail({
      appUrl,
      name: user.name,
      code: code!,
      link: `${appUrl}/verify-email?token=${token}`,
    }),
    secrets: { values: [code!, token], expiresAt: new Date(Date.now() + VERIFY_TTL_MS) },
  });
}

export async function verifyEmailByCode(db: Db, userId: string, code: string) {
  const result = await consumeCode(db, userId, code);
  if (result === "wrong")
    throw new ValidationError({ code: ["That code is not right. Check the email and try again."] });
  if (result === "expired") {
    throw new ValidationError({ code: ["This code has expired or was tried too often. Send a new one."] });
  }
  await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId));
}

/** Verifies by the emailed link; returns the user id, or null when the link is stale. */
export async function verifyEmailByLink(db: Db, token: string) {
  const userId = await consumeLinkToken(db, "verify_email", token);
  if (userId) await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId));
  return userId;
}

export async function signIn(db: Db, input: { email: string; password: string; ip: string }) {
  const limits = LOGIN_LIMITS(input.email.toLowerCase(), input.ip);
  const results = await Promise.all(limits.map((l) => hitRateLimit(db, l.key, l.count, l.seconds)));
  const blocked = results
    .filter((r) => !r.allowed)
    .sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds)[0];
  if (blocked) {
    const minutes = Math.ceil(blocked.retryAfterSeconds / 60);
    throw new RateLimitedError(
      `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or reset your password.`,
      blocked.retryAfterSeconds,
    );
  }
  const user = await findUserByEmail(db, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    throw new ValidationError({ form: ["That email and password do not match an account."] });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    throw new ValidationError({ form: ["That email and password do not match an account."] });
  }
  // The limits are about guesses, not sign-ins. A success clears this client's counts on the
  // account (the 15-minute one and the day's backoff), not the limits others ran into, and
  // gives back its one count on the account and the address: a campus behind one address
  // signing in all morning is not a guess.
  await Promise.all([
    clearRateLimit(db, limits[0].key),
    clearRateLimit(db, limits[1].key),
    refundRateLimit(db, limits[2].key),
    refundRateLimit(db, limits[3].key),
  ]);
  return { user, session: await createSession(db, user.id) };
}

/**
 * Always does the same work whether or not the email has an account (issue 12, item 6):
 * after the limits, one job is queued; the worker looks the address up and sends the link
 * only if it has an account. So neither the answer nor its timing tells them apart.
 */
export async function requestPasswordReset(db: Db, input: { email: string; ip: string }) {
  const address = input.email.toLowerCase();
  const results = await Promise.all([
    hitRateLimit(db, `reset:account-client:${address}:${input.ip}`, 3, RESET_WINDOW_S),
    hitRateLimit(db, `reset:account:${address}`, 10, RESET_WINDOW_S),
    hitRateLimit(db, `reset:ip:${input.ip}`, 10, RESET_WINDOW_S),
  ]);
  const blocked = results.find((r) => !r.allowed);
  if (blocked) {
    throw new RateLimitedError(
      `Too many reset requests. Try again in ${Math.ceil(blocked.retryAfterSeconds / 60)} minutes.`,
      blocked.retryAfterSeconds,
    );
  }
  await enqueue(
    db,
    QUEUES.passwordResetRequest,
    { email: input.email },
    { retryLimit: 3, expireInSeconds: 300 },
  );
}

/** The worker's half of a reset request: sends the link if the address has an account, else nothing. */
export async function sendPasswordReset(db: Db, email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) return false;
  const { token } = await issueUserToken(db, user.id, "reset_password", RESET_TTL_MS);
  const appUrl = env().appUrl;
  await sendEmail(db, {
    to: user.email,
    subject: passwordResetSubject,
    template: "password-reset",
    body: PasswordReset({ appUrl, name: user.name, link: `${appUrl}/reset-password?token=${token}` }),
    secrets: { values: [token], expiresAt: new Date(Date.now() + RESET_TTL_MS) },
  });
  return true;
}

export function isResetTokenLive(db: Db, token: string) {
  return peekLinkToken(db, "reset_password", token).then(Boolean);
}

/** Sets the new password, ends every session, and proves the email (the link reached it). */
export async function resetPassword(db: Db, input: { token: string; password: string }) {
  assertAcceptablePassword(input.password);
  const userId = await consumeLinkToken(db, "reset_password", input.token);
  if (!userId)
    throw new ValidationError({
      form: ["This reset link has expired or was already used. Ask for a new one."],
    });
  await db
    .update(users)
    .set({
      passwordHash: await hashPassword(input.password),
      emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
    })
    .where(eq(users.id, userId));
  await invalidateUserSessions(db, userId);
  // The owner proved the address: whatever a guesser ran into no longer stands in their way.
  const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (owner) await clearRateLimitsOfAccount(db, owner.email.toLowerCase());
  return userId;
}

const PASSWORD_CHANGE_ATTEMPTS = 5;
const PASSWORD_CHANGE_WINDOW_S = 15 * 60;

/** Changes the password and ends every other session of the user. */
export async function changePassword(
  db: Db,
  input: { userId: string; sessionId: string; currentPassword: string; password: string },
) {
  // A stolen session must not become a password-guessing oracle (issue 12, item 11).
  const limitKey = `password-change:${input.userId}`;
  const limit = await hitRateLimit(db, limitKey, PASSWORD_CHANGE_ATTEMPTS, PASSWORD_CHANGE_WINDOW_S);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    throw new ValidationError({
      currentPassword: [`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`],
    });
  }
  const user = await db.query.users.findFirst({ where: eq(users.id, input.userId) });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError({ currentPassword: ["That is not your current password."] });
  }
  assertAcceptablePassword(input.password);
  await clearRateLimit(db, limitKey);
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.password) })
    .where(eq(users.id, input.userId));
  await invalidateUserSessions(db, input.userId, input.sessionId);
}

export async function grantStaff(db: Db, email: string) {
  const [row] = await db
    .update(users)
    .set({ isStaff: true })
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .returning({ id: users.id });
  return row?.id ?? null;
}

import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { pendingSignups, users } from "#db/schema";
import { AccountExists, accountExistsSubject } from "#emails/account-exists";
import { VerifyEmail, verifyEmailSubject } from "#emails/verify-email";
import { env } from "~/lib/env.server";
import { isUniqueViolation, RateLimitedError, ValidationError } from "~/lib/errors";
import { enqueue, QUEUES } from "~/modules/jobs/boss.server";
import { sendEmail } from "~/modules/notifications/email.server";
import { findUserByEmail } from "./accounts.server";
import { hashPassword, isCommonPassword } from "./password.server";
import { hitRateLimit } from "./rate-limit.server";
import { createSession, hashSecret, randomSecret } from "./session.server";

// Signing up answers the same whether or not the address has an account (issue 12, item
// 6; ADR 0016). The request does the same work either way: it checks the limits, hashes
// the password, stores a pending sign-up and queues one job, then shows "we sent you a
// code". The job looks the address up: a new address gets the code and link; an address
// that has an account gets an email telling its owner, and no code exists to enter. The
// account itself is made only when the code or link comes back, so nothing is created for
// an address whose owner never confirms.

export const SIGNUP_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_CODE_ATTEMPTS = 5;

const WRONG_CODE = "That code is not right. Check the email and try again.";
const EXPIRED_CODE = "This code has expired or was tried too often. Sign up again to get a new one.";

export async function startSignUp(
  db: Db,
  input: { name: string; email: string; password: string; ip?: string; redirectTo?: string | null },
) {
  if (isCommonPassword(input.password)) {
    throw new ValidationError({ password: ["This password is among the most common ones. Choose another."] });
  }
  if (input.ip) {
    // Each sign-up sends an email: a bounded number per client address an hour.
    const limit = await hitRateLimit(db, `signup:ip:${input.ip}`, env().SIGNUP_LIMIT_PER_HOUR, 60 * 60);
    if (!limit.allowed)
      throw new ValidationError({
        form: ["Too many accounts were created from your network in the last hour. Try again later."],
      });
  }
  // Per address too, so one inbox cannot be flooded with codes or notices from many networks.
  const perAddress = await hitRateLimit(db, `signup:email:${input.email.toLowerCase()}`, 5, 60 * 60);
  if (!perAddress.allowed)
    throw new ValidationError({
      form: [
        "Too many sign-ups for this address in the last hour. Use the last email we sent, or try later.",
      ],
    });
  const token = randomSecret(24);
  const expiresAt = new Date(Date.now() + SIGNUP_TTL_MS);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pendingSignups)
      .values({
        email: input.email,
        name: input.name,
        passwordHash,
        redirectTo: input.redirectTo ?? null,
        tokenHash: hashSecret(token),
        expiresAt,
      })
      .returning({ id: pendingSignups.id });
    await enqueue(tx, QUEUES.signupEmail, { pendingId: row!.id }, { retryLimit: 3, expireInSeconds: 300 });
    return row!.id;
  });
  return { id, token, expiresAt };
}

/**
 * The worker's half: a code and link for a new address, a notice to the owner of an
 * existing one. Running it again issues a fresh code (the old one stops working).
 */
export async function sendSignupEmail(db: Db, pendingId: string) {
  const [pending] = await db
    .select()
    .from(pendingSignups)
    .where(
      and(
        eq(pendingSignups.id, pendingId),
        isNull(pendingSignups.completedAt),
        gt(pendingSignups.expiresAt, new Date()),
      ),
    );
  if (!pending) return "stale" as const;
  const appUrl = env().appUrl;
  const owner = await findUserByEmail(db, pending.email);
  if (owner) {
    await sendEmail(db, {
      to: owner.email,
      subject: accountExistsSubject,
      template: "account-exists",
      body: AccountExists({ appUrl, name: owner.name }),
    });
    return "account-exists" as const;
  }
  const link = randomSecret(24);
  const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, "0");
  await db
    .update(pendingSignups)
    .set({ linkHash: hashSecret(link), codeHash: hashSecret(`${pending.id}:${code}`), attempts: 0 })
    .where(eq(pendingSignups.id, pending.id));
  await sendEmail(db, {
    to: pending.email,
    subject: verifyEmailSubject(code),
    template: "verify-email",
    body: VerifyEmail({ appUrl, name: pending.name, code, link: `${appUrl}/verify-email?signup=${link}` }),
    secrets: { values: [code, link], expiresAt: pending.expiresAt },
  });
  return "code-sent" as const;
}

/** The pending sign-up a browser's cookie names, while it can still be completed. */
export async function pendingSignupOf(db: Db, token: string | undefined) {
  if (!token) return null;
  const [row] = await db
    .select({ id: pendingSignups.id, email: pendingSignups.email })
    .from(pendingSignups)
    .where(
      and(
        eq(pendingSignups.tokenHash, hashSecret(token)),
        isNull(pendingSignups.completedAt),
        gt(pendingSignups.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

/** "Send me a new code": limited per sign-up, then the same job again; null once it expired. */
export async function resendSignupEmail(db: Db, token: string | undefined) {
  const pending = await pendingSignupOf(db, token);
  if (!pending) return null;
  const limit = await hitRateLimit(db, `signup-resend:${pending.id}`, 3, 60 * 60);
  if (!limit.allowed)
    throw new RateLimitedError(
      "You asked for 3 codes within an hour. Use the last one we sent, or try again later.",
      limit.retryAfterSeconds,
    );
  await enqueue(db, QUEUES.signupEmail, { pendingId: pending.id }, { retryLimit: 3, expireInSeconds: 300 });
  return pending;
}

/**
 * Checks the code for the browser's pending sign-up; on success makes the account (its
 * email confirmed) and a session. Each guess first takes an attempt in one conditional
 * UPDATE, so concurrent guesses cannot exceed five; a sign-up for an address that already
 * had an account has no code, so every guess is wrong, exactly as a mistyped one is.
 */
export async function completeSignUpByCode(db: Db, token: string | undefined, code: string) {
  const [claimed] = token
    ? await db
        .update(pendingSignups)
        .set({ attempts: sql`${pendingSignups.attempts} + 1` })
        .where(
          and(
            eq(pendingSignups.tokenHash, hashSecret(token)),
            isNull(pendingSignups.completedAt),
            gt(pendingSignups.expiresAt, new Date()),
            lt(pendingSignups.attempts, MAX_CODE_ATTEMPTS),
          ),
        )
        .returning()
    : [];
  if (!claimed) throw new ValidationError({ code: [EXPIRED_CODE] });
  if (!claimed.codeHash || claimed.codeHash !== hashSecret(`${claimed.id}:${code}`)) {
    throw new ValidationError({ code: [claimed.attempts < MAX_CODE_ATTEMPTS ? WRONG_CODE : EXPIRED_CODE] });
  }
  const user = await createAccount(db, claimed.id);
  if (!user) throw new ValidationError({ code: [EXPIRED_CODE] });
  return { user, session: await createSession(db, user.id), redirectTo: claimed.redirectTo };
}

/** The emailed link: makes the account and returns its id, or null when the link is stale. */
export async function completeSignUpByLink(db: Db, link: string) {
  const [pending] = await db
    .select({ id: pendingSignups.id })
    .from(pendingSignups)
    .where(
      and(
        eq(pendingSignups.linkHash, hashSecret(link)),
        isNull(pendingSignups.completedAt),
        gt(pendingSignups.expiresAt, new Date()),
      ),
    );
  if (!pending) return null;
  try {
    return (await createAccount(db, pending.id))?.id ?? null;
  } catch (error) {
    // Another sign-up of the address was confirmed first: this link is simply spent.
    if (error instanceof ValidationError) return null;
    throw error;
  }
}

/** Turns a pending sign-up into an account once; null if it was completed meanwhile. */
async function createAccount(db: Db, pendingId: string) {
  try {
    return await db.transaction(async (tx) => {
      const [done] = await tx
        .update(pendingSignups)
        .set({ completedAt: new Date(), codeHash: null, linkHash: null })
        .where(and(eq(pendingSignups.id, pendingId), isNull(pendingSignups.completedAt)))
        .returning();
      if (!done) return null;
      const [user] = await tx
        .insert(users)
        .values({
          name: done.name,
          email: done.email,
          passwordHash: done.passwordHash,
          emailVerifiedAt: new Date(),
        })
        .returning();
      return user!;
    });
  } catch (error) {
    // Two sign-ups of one new address, both confirmed: the first made the account.
    if (isUniqueViolation(error))
      throw new ValidationError({
        code: ["An account with this address was just confirmed. Sign in with its password."],
      });
    throw error;
  }
}

/** Sign-ups that were never confirmed are forgotten a day after they expire. */
export async function forgetStaleSignups(db: Db) {
  const gone = await db
    .delete(pendingSignups)
    .where(lt(pendingSignups.expiresAt, new Date(Date.now() - SIGNUP_TTL_MS)))
    .returning({ id: pendingSignups.id });
  return gone.length;
}

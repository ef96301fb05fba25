import { desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { emailMessages } from "#db/schema";
import { RateLimitedError, ValidationError } from "~/lib/errors";
import {
  changePassword,
  requestPasswordReset,
  resetPassword,
  sendPasswordReset,
  sendVerificationEmail,
  signIn,
  verifyEmailByCode,
  verifyEmailByLink,
} from "./accounts.server";
import { hashPassword } from "./password.server";
import { validateSessionToken } from "./session.server";
import {
  completeSignUpByCode,
  completeSignUpByLink,
  pendingSignupOf,
  sendSignupEmail,
  startSignUp,
} from "./signup.server";

const db = getDb();
let n = 0;
const email = () => `someone-${Date.now()}-${n++}@example.org`;
const PASSWORD = "a long enough passphrase";

/** Password-reset jobs queued for an address (the worker's half runs apart). */
async function queuedResets(address: string) {
  const rows = (await db.execute(
    sql`select count(*)::int as n from pgboss.job where name = 'password-reset-request' and data->>'email' = ${address}`,
  )) as unknown as { n: number }[];
  return rows[0]!.n;
}

async function lastEmailTo(to: string) {
  const [row] = await db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.to, to))
    .orderBy(desc(emailMessages.createdAt))
    .limit(1);
  return row!;
}

const codeIn = (subject: string) => subject.match(/^(\d{6})/)?.[1];

/** The whole sign-up as a person does it: the form, the worker's email, the code typed back. */
async function signUp(input: { name: string; email: string; password: string; ip?: string }) {
  const pending = await startSignUp(db, input);
  await sendSignupEmail(db, pending.id);
  const code = codeIn((await lastEmailTo(input.email)).subject);
  return completeSignUpByCode(db, pending.token, code!);
}

/** An account from before sign-ups were confirmed first: signed in, email not yet confirmed. */
async function unverifiedAccount(address: string) {
  const { buildUser } = await import("#tests/factories");
  const user = await buildUser(db, {
    email: address,
    emailVerifiedAt: null,
    passwordHash: await hashPassword(PASSWORD),
  });
  await sendVerificationEmail(db, user);
  return { user };
}

async function fieldErrors(work: Promise<unknown>) {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

describe("sign up (issue 12, item 6: the same answer whether or not the address has an account)", () => {
  it("refuses the commonest passwords with a message at the field", async () => {
    expect(
      await fieldErrors(startSignUp(db, { name: "A", email: email(), password: "password1" })),
    ).toHaveProperty("password");
  });

  it("makes the account only when the emailed code comes back, then signs in and goes where asked", async () => {
    const address = email();
    const pending = await startSignUp(db, {
      name: "Ana",
      email: address,
      password: PASSWORD,
      redirectTo: "/invitations/abc",
    });
    expect(await pendingSignupOf(db, pending.token)).toMatchObject({ email: address });
    await expect(signIn(db, { email: address, password: PASSWORD, ip: "10.9.0.1" })).rejects.toThrow();
    expect(await sendSignupEmail(db, pending.id)).toBe("code-sent");
    const code = codeIn((await lastEmailTo(address)).subject)!;
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await fieldErrors(completeSignUpByCode(db, pending.token, wrong))).code?.[0]).toMatch(
      /not right/,
    );
    const done = await completeSignUpByCode(db, pending.token, code);
    expect(done.redirectTo).toBe("/invitations/abc");
    expect(done.user.emailVerifiedAt).not.toBeNull();
    expect((await validateSessionToken(db, done.session.token)).ok).toBe(true);
    // Used once: the cookie's sign-up is gone, the code does not make a second account.
    expect(await pendingSignupOf(db, pending.token)).toBeNull();
    expect((await fieldErrors(completeSignUpByCode(db, pending.token, code))).code?.[0]).toMatch(/expired/);
  });

  it("an address with an account gets the same answer and work; its owner is told, and no code exists", async () => {
    const address = email();
    await signUp({ name: "Owner", email: address, password: PASSWORD });
    const queued = async () =>
      (
        (await db.execute(
          sql`select count(*)::int as n from pgboss.job where name = 'signup-email'
              and data->>'pendingId' in (select id::text from pending_signups where lower(email) = ${address})`,
        )) as unknown as { n: number }[]
      )[0]!.n;
    const before = await queued();
    const fresh = await startSignUp(db, { name: "X", email: email(), password: PASSWORD });
    const taken = await startSignUp(db, {
      name: "Mallory",
      email: address.toUpperCase(),
      password: PASSWORD,
    });
    // What the requester gets back is the same kind of thing: a pending sign-up and a cookie token.
    expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort());
    expect(taken.token).toHaveLength(fresh.token.length);
    expect(await queued()).toBe(before + 1); // one job, exactly as for a new address
    expect(await pendingSignupOf(db, taken.token)).toMatchObject({ email: address.toUpperCase() });

    expect(await sendSignupEmail(db, taken.id)).toBe("account-exists");
    const notice = await lastEmailTo(address);
    expect(notice.subject).toBe("You already have a Commons account");
    expect(notice.text).toContain("no new account was made");
    expect(codeIn(notice.subject)).toBeUndefined();
    for (const guess of ["000000", "123456"])
      expect((await fieldErrors(completeSignUpByCode(db, taken.token, guess))).code?.[0]).toMatch(
        /not right/,
      );
    // The owner's password still works; the would-be second password does not.
    await expect(signIn(db, { email: address, password: PASSWORD, ip: "10.9.0.2" })).resolves.toBeDefined();
  });

  it("the emailed link makes the account exactly once", async () => {
    const address = email();
    const pending = await startSignUp(db, { name: "Ana", email: address, password: PASSWORD });
    await sendSignupEmail(db, pending.id);
    const link = (await lastEmailTo(address)).html.match(/verify-email\?signup=([a-z0-9]+)/)?.[1];
    const userId = await completeSignUpByLink(db, link!);
    expect(userId).toEqual(expect.any(String));
    expect(await completeSignUpByLink(db, link!)).toBeNull();
    await expect(signIn(db, { email: address, password: PASSWORD, ip: "10.9.0.3" })).resolves.toBeDefined();
  });

  it("two sign-ups of one new address, both confirmed: one account, the second told to sign in", async () => {
    const address = email();
    const first = await startSignUp(db, { name: "Tab one", email: address, password: PASSWORD });
    await sendSignupEmail(db, first.id);
    const firstCode = codeIn((await lastEmailTo(address)).subject)!;
    const second = await startSignUp(db, { name: "Tab two", email: address, password: PASSWORD });
    await sendSignupEmail(db, second.id);
    const secondCode = codeIn((await lastEmailTo(address)).subject)!;
    const results = await Promise.allSettled([
      completeSignUpByCode(db, first.token, firstCode),
      completeSignUpByCode(db, second.token, secondCode),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as ValidationError).fieldErrors.code?.[0]).toMatch(/just confirmed/);
  });

  it("240 concurrent wrong guesses at a pending sign-up use up five attempts and no more", async () => {
    const address = email();
    const pending = await startSignUp(db, { name: "A", email: address, password: PASSWORD });
    await sendSignupEmail(db, pending.id);
    const code = codeIn((await lastEmailTo(address)).subject)!;
    const wrong = code === "000000" ? "111111" : "000000";
    const results = await Promise.allSettled(
      Array.from({ length: 240 }, () => completeSignUpByCode(db, pending.token, wrong)),
    );
    const messages = results.map(
      (r) => ((r as PromiseRejectedResult).reason as ValidationError).fieldErrors.code?.[0],
    );
    expect(messages.filter((m) => /not right/.test(m ?? ""))).toHaveLength(4);
    expect(messages.filter((m) => /expired/.test(m ?? ""))).toHaveLength(236);
    expect((await fieldErrors(completeSignUpByCode(db, pending.token, code))).code?.[0]).toMatch(/expired/);
  });

  it("an older account whose email is not confirmed confirms it by code or by link", async () => {
    const address = email();
    const { user } = await unverifiedAccount(address);
    const code = codeIn((await lastEmailTo(address)).subject)!;
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await fieldErrors(verifyEmailByCode(db, user.id, wrong))).code?.[0]).toMatch(/not right/);
    await verifyEmailByCode(db, user.id, code);
    const session = await signIn(db, { email: address, password: PASSWORD, ip: "10.0.0.1" });
    expect(session.user.emailVerifiedAt).not.toBeNull();

    const other = email();
    const { user: second } = await unverifiedAccount(other);
    const token = (await lastEmailTo(other)).html.match(/verify-email\?token=([a-z0-9]+)/)?.[1];
    expect(await verifyEmailByLink(db, token!)).toBe(second.id);
    expect(await verifyEmailByLink(db, token!)).toBeNull();
  });
});

describe("sign in", () => {
  it("says the same thing for an unknown email and a wrong password", async () => {
    const address = email();
    await signUp({ name: "A", email: address, password: PASSWORD });
    const unknown = await fieldErrors(signIn(db, { email: email(), password: PASSWORD, ip: "10.0.0.2" }));
    const wrong = await fieldErrors(
      signIn(db, { email: address, password: "not the password", ip: "10.0.0.2" }),
    );
    expect(unknown).toEqual(wrong);
  });

  it("locks out the client that guessed five times, not the owner signing in from elsewhere (issue 12, item 7)", async () => {
    const address = email();
    await signUp({ name: "A", email: address, password: PASSWORD });
    for (let i = 0; i < 5; i++)
      await signIn(db, { email: address, password: "wrong", ip: "10.1.0.66" }).catch(() => {});
    const guesser = await signIn(db, { email: address, password: PASSWORD, ip: "10.1.0.66" }).catch(
      (e: unknown) => e,
    );
    expect(guesser).toBeInstanceOf(RateLimitedError);
    expect((guesser as RateLimitedError).message).toMatch(/Too many sign-in attempts/);
    // The owner, on another network, signs in.
    await expect(signIn(db, { email: address, password: PASSWORD, ip: "10.1.1.1" })).resolves.toBeDefined();
  });

  it("stops a guess spread over many addresses, until the owner completes an email reset", async () => {
    const address = email();
    await signUp({ name: "A", email: address, password: PASSWORD });
    for (let i = 0; i < 50; i++)
      await signIn(db, { email: address, password: "wrong", ip: `10.7.${i}.1` }).catch(() => {});
    const spread = await signIn(db, { email: address, password: PASSWORD, ip: "10.7.200.1" }).catch(
      (e: unknown) => e,
    );
    expect(spread).toBeInstanceOf(RateLimitedError);
    await requestPasswordReset(db, { email: address, ip: "10.7.200.1" });
    await sendPasswordReset(db, address);
    const token = (await lastEmailTo(address)).html.match(/reset-password\?token=([a-z0-9]+)/)?.[1];
    await resetPassword(db, { token: token!, password: "the owner's new passphrase" });
    await expect(
      signIn(db, { email: address, password: "the owner's new passphrase", ip: "10.7.200.1" }),
    ).resolves.toBeDefined();
  }, 60_000);

  it("keeps reset requests from one client from blocking the owner's (issue 12, item 7)", async () => {
    const address = email();
    await signUp({ name: "A", email: address, password: PASSWORD });
    for (let i = 0; i < 3; i++) await requestPasswordReset(db, { email: address, ip: "10.8.0.66" });
    await expect(requestPasswordReset(db, { email: address, ip: "10.8.0.66" })).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    await expect(requestPasswordReset(db, { email: address, ip: "10.8.1.1" })).resolves.toBeUndefined();
  });

  it("limits attempts per IP address across accounts", async () => {
    const ip = "10.9.9.9";
    let limited: unknown;
    for (let i = 0; i < 120 && !limited; i++) {
      await signIn(db, { email: email(), password: "wrong", ip }).catch((e: unknown) => {
        if (e instanceof RateLimitedError) limited = e;
      });
    }
    expect(limited).toBeInstanceOf(RateLimitedError);
    // Each attempt verifies an argon2 hash: on a busy 2-core machine this takes a while.
  }, 60_000);
});

describe("sign-up limits", () => {
  it("refuses more than ten accounts an hour from one client address, at the form (issue 12, item 4)", async () => {
    const ip = `10.66.${n % 200}.${Date.now() % 200}`;
    for (let i = 0; i < 10; i++)
      await startSignUp(db, { name: "Bulk", email: email(), password: PASSWORD, ip });
    const refused = await fieldErrors(
      startSignUp(db, { name: "Bulk", email: email(), password: PASSWORD, ip }),
    );
    expect(refused.form?.[0]).toMatch(/Too many accounts were created from your network/);
    await expect(
      startSignUp(db, { name: "Elsewhere", email: email(), password: PASSWORD, ip: "10.67.0.1" }),
    ).resolves.toBeDefined();
  }, 60_000);

  it("refuses a sixth sign-up of one address within an hour, from any network", async () => {
    const address = email();
    for (let i = 0; i < 5; i++)
      await startSignUp(db, { name: "Bomb", email: address, password: PASSWORD, ip: `10.68.0.${i}` });
    const refused = await fieldErrors(
      startSignUp(db, { name: "Bomb", email: address, password: PASSWORD, ip: "10.68.1.1" }),
    );
    expect(refused.form?.[0]).toMatch(/Too many sign-ups for this address/);
  }, 60_000);
});

describe("passwords", () => {
  it("reset by emailed link sets the new password and ends every session", async () => {
    const address = email();
    const { session } = await signUp({ name: "A", email: address, password: PASSWORD });
    await requestPasswordReset(db, { email: address, ip: "10.2.0.1" });
    expect(await queuedResets(address)).toBe(1);
    expect(await sendPasswordReset(db, address)).toBe(true);
    const token = (await lastEmailTo(address)).html.match(/reset-password\?token=([a-z0-9]+)/)?.[1];
    await resetPassword(db, { token: token!, password: "a brand new passphrase" });
    expect((await validateSessionToken(db, session.token)).ok).toBe(false);
    await expect(
      signIn(db, { email: address, password: "a brand new passphrase", ip: "10.2.0.1" }),
    ).resolves.toBeDefined();
    expect(
      (await fieldErrors(resetPassword(db, { token: token!, password: "another passphrase" }))).form?.[0],
    ).toMatch(/expired/);
  });

  it("a reset request for an unknown address does the same work, then sends nothing (issue 12, item 6)", async () => {
    const address = email();
    await expect(requestPasswordReset(db, { email: address, ip: "10.3.0.1" })).resolves.toBeUndefined();
    // Exactly what a known address gets at request time: one queued job, no lookup-dependent work.
    expect(await queuedResets(address)).toBe(1);
    expect(await sendPasswordReset(db, address)).toBe(false);
    expect(await db.select().from(emailMessages).where(eq(emailMessages.to, address))).toHaveLength(0);
  });

  it("change password needs the current one and ends the other sessions only", async () => {
    const address = email();
    const { user, session } = await signUp({ name: "A", email: address, password: PASSWORD });
    const other = await signIn(db, { email: address, password: PASSWORD, ip: "10.4.0.1" });
    const sessionId = session.token.split(".")[0]!;
    expect(
      (
        await fieldErrors(
          changePassword(db, {
            userId: user.id,
            sessionId,
            currentPassword: "nope",
            password: "new passphrase here",
          }),
        )
      ).currentPassword,
    ).toBeDefined();
    await changePassword(db, {
      userId: user.id,
      sessionId,
      currentPassword: PASSWORD,
      password: "new passphrase here",
    });
    expect((await validateSessionToken(db, session.token)).ok).toBe(true);
    expect((await validateSessionToken(db, other.session.token)).ok).toBe(false);
  });
});

describe("verification codes under attack (issue 12, item 2)", () => {
  it("240 concurrent wrong guesses use up the five attempts and no more; the real code is then refused", async () => {
    const { consumeCode } = await import("./tokens.server");
    const { userTokens } = await import("#db/schema");
    const address = email();
    const { user } = await unverifiedAccount(address);
    const code = (await lastEmailTo(address)).subject.match(/^(\d{6})/)![1]!;
    const wrong = code === "000000" ? "111111" : "000000";
    const results = await Promise.all(Array.from({ length: 240 }, () => consumeCode(db, user.id, wrong)));
    expect(results.filter((r) => r === "wrong")).toHaveLength(4);
    expect(results.filter((r) => r === "expired")).toHaveLength(236);
    const [token] = await db.select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(token!.attempts).toBe(5);
    expect(await consumeCode(db, user.id, code)).toBe("expired");
  });

  it("new codes are limited per account: three an hour", async () => {
    const { resendVerificationEmail } = await import("./accounts.server");
    const address = email();
    const { user } = await unverifiedAccount(address);
    for (let i = 0; i < 3; i++) await resendVerificationEmail(db, user);
    const refused = await resendVerificationEmail(db, user).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as Error).message).toMatch(/3 codes within an hour/);
    const sent = await db.select().from(emailMessages).where(eq(emailMessages.to, address));
    expect(sent).toHaveLength(4); // the first code and three resends
  });
});

describe("changing the password from a session (issue 12, item 11)", () => {
  it("five wrong current passwords lock the check for a while, even for the right one", async () => {
    const { changePassword } = await import("./accounts.server");
    const { user, session } = await signUp({ name: "A", email: email(), password: PASSWORD });
    const attempt = (currentPassword: string) =>
      fieldErrors(
        changePassword(db, {
          userId: user.id,
          sessionId: session.token.split(".")[0]!,
          currentPassword,
          password: "a new long passphrase",
        }),
      );
    for (let i = 0; i < 5; i++)
      expect((await attempt(`guess number ${i}`)).currentPassword).toEqual([
        "That is not your current password.",
      ]);
    expect((await attempt(PASSWORD)).currentPassword?.[0]).toMatch(
      /^Too many attempts\. Try again in 15 minutes\.$/,
    );
  });
});

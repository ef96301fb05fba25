import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailMessages } from "#db/schema";
import { RateLimitedError, ValidationError } from "~/lib/errors";
import {
  db,
  email,
  fieldErrors,
  lastEmailTo,
  PASSWORD,
  signUp,
  unverifiedAccount,
} from "./account-test-helpers";
import {
  changePassword,
  requestPasswordReset,
  resetPassword,
  sendPasswordReset,
  signIn,
} from "./accounts.server";
import { validateSessionToken } from "./session.server";

/** Password-reset jobs queued for an address (the worker's half runs apart). */
async function queuedResets(address: string) {
  const rows = (await db.execute(
    sql`select count(*)::int as n from pgboss.job where name = 'password-reset-request' and data->>'email' = ${address}`,
  )) as unknown as { n: number }[];
  return rows[0]!.n;
}

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

  it("counts guesses, not sign-ins: an owner signing in all day from one address is never locked out", async () => {
    const address = email();
    await signUp({ name: "A", email: address, password: PASSWORD });
    const ip = "10.4.4.4";
    // More successful sign-ins than the day's backoff (10) and, with a few typos between, more
    // than the 15-minute window's five attempts.
    for (let i = 0; i < 14; i++) {
      if (i % 4 === 0)
        await expect(signIn(db, { email: address, password: "typo", ip })).rejects.toBeInstanceOf(
          ValidationError,
        );
      await expect(signIn(db, { email: address, password: PASSWORD, ip })).resolves.toBeDefined();
    }
    const [row] = (await db.execute(
      sql`select count from rate_limits where key = ${`login:ip:${ip}`}`,
    )) as unknown as { count: number }[];
    // Only the four typos count against the address.
    expect(row?.count).toBe(4);
  }, 60_000);

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

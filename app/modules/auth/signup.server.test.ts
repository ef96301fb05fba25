import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ValidationError } from "~/lib/errors";
import {
  codeIn,
  db,
  email,
  fieldErrors,
  lastEmailTo,
  PASSWORD,
  signUp,
  unverifiedAccount,
} from "./account-test-helpers";
import { signIn, verifyEmailByCode, verifyEmailByLink } from "./accounts.server";
import { validateSessionToken } from "./session.server";
import {
  completeSignUpByCode,
  completeSignUpByLink,
  pendingSignupOf,
  sendSignupEmail,
  startSignUp,
} from "./signup.server";

// Sign-up answers the same whether or not the address has an account (issue 12, item 6;
// ADR 0016): the account is made only when the emailed code or link comes back.

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

  it("a second sign-up's link, followed after the first made the account, is spent, not an error", async () => {
    const address = email();
    const linkOf = async (id: string) => {
      await sendSignupEmail(db, id);
      return (await lastEmailTo(address)).html.match(/verify-email\?signup=([a-z0-9]+)/)![1]!;
    };
    const firstLink = await linkOf(
      (await startSignUp(db, { name: "A", email: address, password: PASSWORD })).id,
    );
    const secondLink = await linkOf(
      (await startSignUp(db, { name: "B", email: address, password: PASSWORD })).id,
    );
    expect(await completeSignUpByLink(db, firstLink)).toEqual(expect.any(String));
    await expect(completeSignUpByLink(db, secondLink)).resolves.toBeNull();
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

describe("sign-up limits", () => {
  it("refuses more than ten accounts an hour from one client address, at the form (issue 12, item 4)", async () => {
    const ip = `10.66.${Math.floor(Math.random() * 200)}.${Date.now() % 200}`;
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

import { desc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "#db/client.server";
import { emailMessages } from "#db/schema";
import { ValidationError } from "~/lib/errors";
import { sendVerificationEmail } from "./accounts.server";
import { hashPassword } from "./password.server";
import { completeSignUpByCode, sendSignupEmail, startSignUp } from "./signup.server";

// Shared by the account and sign-up tests: the whole sign-up as a person does it, and the
// small readers of what it sent.

export const db = getDb();
let n = 0;
export const email = () => `someone-${Date.now()}-${n++}@example.org`;
export const PASSWORD = "a long enough passphrase";

export async function lastEmailTo(to: string) {
  const [row] = await db
    .select()
    .from(emailMessages)
    .where(eq(emailMessages.to, to))
    .orderBy(desc(emailMessages.createdAt))
    .limit(1);
  return row!;
}

export const codeIn = (subject: string) => subject.match(/^(\d{6})/)?.[1];

/** The whole sign-up as a person does it: the form, the worker's email, the code typed back. */
export async function signUp(input: { name: string; email: string; password: string; ip?: string }) {
  const pending = await startSignUp(db, input);
  await sendSignupEmail(db, pending.id);
  const code = codeIn((await lastEmailTo(input.email)).subject);
  return completeSignUpByCode(db, pending.token, code!);
}

/** An account from before sign-ups were confirmed first: signed in, email not yet confirmed. */
export async function unverifiedAccount(address: string) {
  const { buildUser } = await import("#tests/factories");
  const user = await buildUser(db, {
    email: address,
    emailVerifiedAt: null,
    passwordHash: await hashPassword(PASSWORD),
  });
  await sendVerificationEmail(db, user);
  return { user };
}

export async function fieldErrors(work: Promise<unknown>) {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { paymentAttempts } from "#db/schema";
import { StripeApiError } from "./stripe.server";

// Attempt, call, record (issue 9, section 2; ADR 0010). Each attempt of an operation
// is a committed row with its own idempotency key; the Stripe call happens outside
// any transaction; the outcome is written back. Stripe keeps idempotency keys for 24
// hours, so a `started` row younger than that is resumed with the same key and the
// same request (Stripe replays its answer) instead of starting a second operation.

export type AttemptSubject = {
  organizationId?: string | null;
  membershipId?: string | null;
  pledgeId?: string | null;
  actorId?: string | null;
};

export type Attempt = typeof paymentAttempts.$inferSelect;
const RESUMABLE_MS = 23 * 60 * 60 * 1000;

export function attemptKey(operation: string, attemptId: string) {
  return `commons:${operation}:${attemptId}`;
}

async function record(db: Db, attempt: Attempt, outcome: { objectId?: string } | { error: unknown }) {
  if ("error" in outcome) {
    const error = outcome.error;
    // Only an answer from Stripe is a definite failure; a lost connection may have succeeded.
    if (
      !(error instanceof StripeApiError) ||
      error.type === "StripeConnectionError" ||
      // Another request with the same key is still running: its outcome is not known yet.
      error.type === "StripeIdempotencyError" ||
      error.type === "StripeAPIError"
    )
      return;
    await db
      .update(paymentAttempts)
      .set({
        status: "failed",
        errorCode: error.code ?? error.type,
        errorMessage: error.message,
        completedAt: new Date(),
      })
      .where(eq(paymentAttempts.id, attempt.id));
    return;
  }
  await db
    .update(paymentAttempts)
    .set({ status: "succeeded", stripeObjectId: outcome.objectId ?? null, completedAt: new Date() })
    .where(eq(paymentAttempts.id, attempt.id));
}

export async function send<P extends Record<string, unknown>, R extends { id?: string }>(
  db: Db,
  attempt: Attempt,
  call: (params: P, options: { idempotencyKey: string }) => Promise<R>,
) {
  try {
    const result = await call(attempt.request as P, { idempotencyKey: attempt.idempotencyKey });
    await record(db, attempt, { objectId: result.id });
    return result;
  } catch (error) {
    await record(db, attempt, { error });
    throw error;
  }
}

/**
 * Writes an attempt row in the caller's transaction (so it commits with the state
 * change that asks for it); `send` it after the commit.
 */
export async function openAttempt(
  tx: Db,
  input: { operation: string; request: Record<string, unknown> } & AttemptSubject,
): Promise<Attempt> {
  const id = crypto.randomUUID();
  const [attempt] = await tx
    .insert(paymentAttempts)
    .values({
      id,
      operation: input.operation,
      idempotencyKey: attemptKey(input.operation, id),
      organizationId: input.organizationId ?? null,
      membershipId: input.membershipId ?? null,
      pledgeId: input.pledgeId ?? null,
      actorId: input.actorId ?? null,
      request: input.request,
    })
    .returning();
  return attempt!;
}

/** Whether an attempt started at `createdAt` can still be resent with its key (Stripe keeps keys 24 hours). */
export const isResumable = (attempt: Attempt, now = new Date()) =>
  attempt.status === "started" && attempt.createdAt.getTime() > now.getTime() - RESUMABLE_MS;

export function attemptsOfPledge(db: Db, pledgeId: string) {
  return db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.pledgeId, pledgeId))
    .orderBy(desc(paymentAttempts.createdAt));
}

/** Commits a new attempt row, calls Stripe with its key, records the outcome. */
export async function attemptStripe<P extends Record<string, unknown>, R extends { id?: string }>(
  db: Db,
  input: { operation: string; request: P } & AttemptSubject,
  call: (params: P, options: { idempotencyKey: string }) => Promise<R>,
): Promise<R> {
  return send(db, await openAttempt(db, input), call);
}

/**
 * Like attemptStripe, but first resumes an unfinished attempt of the same operation
 * for the same organization (a crash or a lost connection after the call): same key,
 * same request, so Stripe answers with what it already did.
 */
export async function resumeOrAttemptStripe<P extends Record<string, unknown>, R extends { id?: string }>(
  db: Db,
  input: { operation: string; request: P; organizationId: string } & AttemptSubject,
  call: (params: P, options: { idempotencyKey: string }) => Promise<R>,
): Promise<R> {
  const [unfinished] = await db
    .select()
    .from(paymentAttempts)
    .where(
      and(
        eq(paymentAttempts.organizationId, input.organizationId),
        eq(paymentAttempts.operation, input.operation),
        eq(paymentAttempts.status, "started"),
        gt(paymentAttempts.createdAt, new Date(Date.now() - RESUMABLE_MS)),
      ),
    )
    .orderBy(desc(paymentAttempts.createdAt))
    .limit(1);
  if (unfinished) return send(db, unfinished, call);
  return attemptStripe(db, input, call);
}

export function attemptsOf(db: Db, membershipId: string) {
  return db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.membershipId, membershipId))
    .orderBy(desc(paymentAttempts.createdAt));
}

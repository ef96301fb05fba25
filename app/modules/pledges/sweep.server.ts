import { and, eq, gte, isNull, lt, lte, or } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import { initiatives, paymentAttempts, pledges, users } from "#db/schema";
import { PledgeDigest, pledgeDigestSubject } from "#emails/pledge-digest";
import { env } from "~/lib/env.server";
import { sendEmail } from "~/modules/notifications/email.server";
import { enqueueCollection, MAX_ATTEMPTS, requeueStalledCollections } from "./collection.server";
import { closeLapsedInitiatives } from "./deadline.server";
import { notifyPledge } from "./notices.server";
import { COLLECTION_WINDOW_MS } from "./values";
import { movePledge } from "./workflow";

// The pledges module's clock (issue 10, sections 1 and 2), run every few minutes by
// one worker: deadlines, soft-decline retries, the errored window's reminders, final
// retry and drop, and card health. Every step takes `now`, so tests move the clock
// instead of sleeping; every step is safe to run twice.

const HOUR = 60 * 60 * 1000;
const REMIND_EVERY_MS = 48 * HOUR;
const DEADLINE_REMINDER_MS = 3 * 24 * HOUR;

async function lockedMove(
  db: Db,
  pledgeId: string,
  guard: (p: typeof pledges.$inferSelect) => boolean,
  work: (tx: Tx, p: typeof pledges.$inferSelect) => Promise<void>,
) {
  return db.transaction(async (tx) => {
    const [pledge] = await tx.select().from(pledges).where(eq(pledges.id, pledgeId)).for("update");
    if (!pledge || !guard(pledge)) return false;
    await work(tx, pledge);
    return true;
  });
}

/** Soft declines due for their next retry go back to collecting, with a job each. */
export async function retryDuePledges(db: Db, now = new Date()) {
  const due = await db
    .select({ id: pledges.id })
    .from(pledges)
    .where(and(eq(pledges.status, "failed"), lte(pledges.nextRetryAt, now)));
  let retried = 0;
  for (const { id } of due) {
    const moved = await lockedMove(
      db,
      id,
      (p) =>
        p.status === "failed" &&
        p.nextRetryAt !== null &&
        p.nextRetryAt <= now &&
        p.attemptCount < MAX_ATTEMPTS,
      async (tx, p) => {
        await movePledge(
          tx,
          p,
          "collecting",
          { by: "system", actorId: null, reason: "scheduled retry" },
          { nextRetryAt: null },
        );
        await enqueueCollection(tx, p.id, p.attemptCount);
      },
    );
    if (moved) retried++;
  }
  return retried;
}

/**
 * At the end of the errored window: one final automatic retry for a pledge whose
 * card may still pay (a soft decline); after it, or when the card cannot pay without
 * the pledger, the pledge is dropped. The initiative stays funded.
 */
export async function endErroredWindows(db: Db, now = new Date()) {
  const ended = await db
    .select({ id: pledges.id })
    .from(pledges)
    .where(and(eq(pledges.status, "failed"), lte(pledges.windowEndsAt, now)));
  const result = { finalRetries: 0, dropped: 0 };
  for (const { id } of ended)
    await lockedMove(
      db,
      id,
      (p) => p.status === "failed" && p.windowEndsAt !== null && p.windowEndsAt <= now,
      async (tx, p) => {
        const retryable =
          p.recovery === "retry" && !p.finalRetryAt && p.attemptCount < MAX_ATTEMPTS && p.method === "card";
        if (retryable) {
          await movePledge(
            tx,
            p,
            "collecting",
            { by: "system", actorId: null, reason: "final retry at the end of the errored window" },
            { finalRetryAt: now, nextRetryAt: null },
          );
          await enqueueCollection(tx, p.id, p.attemptCount);
          result.finalRetries++;
          return;
        }
        await movePledge(
          tx,
          p,
          "dropped",
          { by: "system", actorId: null, reason: "not paid within 7 days of funding" },
          { nextRetryAt: null },
        );
        await notifyPledge(tx, { kind: "dropped", pledgeId: p.id });
        result.dropped++;
      },
    );
  return result;
}

/** A failed pledge's admins hear about it every 48 hours until it is fixed or dropped. */
export async function remindFailedPledges(db: Db, now = new Date()) {
  const due = await db
    .select({ id: pledges.id })
    .from(pledges)
    .where(
      and(
        eq(pledges.status, "failed"),
        or(
          isNull(pledges.lastReminderAt),
          lte(pledges.lastReminderAt, new Date(now.getTime() - REMIND_EVERY_MS)),
        ),
      ),
    );
  let sent = 0;
  for (const { id } of due)
    if (
      await lockedMove(
        db,
        id,
        (p) =>
          p.status === "failed" &&
          (!p.lastReminderAt || p.lastReminderAt.getTime() <= now.getTime() - REMIND_EVERY_MS),
        async (tx, p) => {
          await notifyPledge(tx, {
            kind: "action_needed",
            pledgeId: p.id,
            detail: p.failureMessage ?? undefined,
          });
          await tx.update(pledges).set({ lastReminderAt: now }).where(eq(pledges.id, p.id));
        },
      )
    )
      sent++;
  return sent;
}

/** The last day of a card's expiry month, UTC. */
export const cardExpiresAt = (month: number, year: number) => new Date(Date.UTC(year, month, 1) - 1);

/**
 * Card health (issue 10, item 1): a committed card pledge whose card expires before
 * the deadline plus the collection window is flagged once, by email and on its page.
 * Before the deadline, a reminder to pledgers with the current state.
 */
export async function checkCardsAndDeadlines(db: Db, now = new Date()) {
  const open = await db
    .select({ pledge: pledges, deadline: initiatives.pledgeDeadline })
    .from(pledges)
    .innerJoin(initiatives, eq(initiatives.id, pledges.initiativeId))
    .where(
      and(
        eq(initiatives.status, "open"),
        eq(pledges.status, "committed"),
        or(
          and(eq(pledges.method, "card"), isNull(pledges.cardWarnedAt)),
          and(
            isNull(pledges.lastReminderAt),
            lt(initiatives.pledgeDeadline, new Date(now.getTime() + DEADLINE_REMINDER_MS)),
          ),
        ),
      ),
    );
  const result = { cardWarnings: 0, deadlineReminders: 0 };
  for (const { pledge, deadline } of open) {
    if (!deadline) continue;
    const collectBy = new Date(deadline.getTime() + COLLECTION_WINDOW_MS);
    if (
      pledge.method === "card" &&
      !pledge.cardWarnedAt &&
      pledge.cardExpMonth &&
      pledge.cardExpYear &&
      cardExpiresAt(pledge.cardExpMonth, pledge.cardExpYear) < collectBy
    ) {
      await db.transaction(async (tx) => {
        await notifyPledge(tx, { kind: "card_expiring", pledgeId: pledge.id });
        await tx.update(pledges).set({ cardWarnedAt: now }).where(eq(pledges.id, pledge.id));
      });
      result.cardWarnings++;
    }
    if (
      !pledge.lastReminderAt &&
      deadline.getTime() - now.getTime() < DEADLINE_REMINDER_MS &&
      deadline > now
    ) {
      await db.transaction(async (tx) => {
        await notifyPledge(tx, { kind: "reminder", pledgeId: pledge.id });
        await tx.update(pledges).set({ lastReminderAt: now }).where(eq(pledges.id, pledge.id));
      });
      result.deadlineReminders++;
    }
  }
  return result;
}

/** Everything the clock does, in order. */
export async function sweepPledges(db: Db, now = new Date()) {
  const closed = await closeLapsedInitiatives(db, now);
  const retried = await retryDuePledges(db, now);
  const requeued = await requeueStalledCollections(db, now);
  const windows = await endErroredWindows(db, now);
  const reminded = await remindFailedPledges(db, now);
  const checks = await checkCardsAndDeadlines(db, now);
  return { closed, retried, requeued, ...windows, reminded, ...checks };
}

/** Staff's daily digest of failed charge attempts (issue 10, section 4). */
export async function sendFailureDigest(db: Db, now = new Date()) {
  const since = new Date(now.getTime() - 24 * HOUR);
  const failed = await db
    .select({
      pledgeId: paymentAttempts.pledgeId,
      code: paymentAttempts.errorCode,
      message: paymentAttempts.errorMessage,
      at: paymentAttempts.createdAt,
      initiativeTitle: initiatives.title,
      initiativeSlug: initiatives.slug,
    })
    .from(paymentAttempts)
    .innerJoin(pledges, eq(pledges.id, paymentAttempts.pledgeId))
    .innerJoin(initiatives, eq(initiatives.id, pledges.initiativeId))
    .where(
      and(
        eq(paymentAttempts.status, "failed"),
        gte(paymentAttempts.createdAt, since),
        lt(paymentAttempts.createdAt, now),
      ),
    );
  if (failed.length === 0) return 0;
  const staff = await db.select({ email: users.email }).from(users).where(eq(users.isStaff, true));
  const appUrl = env().appUrl;
  const props = {
    appUrl,
    day: since.toISOString().slice(0, 10),
    rows: failed.map((f) => ({
      initiative: f.initiativeTitle,
      url: `${appUrl}/staff/collections/${f.initiativeSlug}`,
      code: f.code ?? "failed",
      message: f.message ?? "",
    })),
  };
  for (const { email } of staff)
    await sendEmail(db, {
      to: email,
      subject: pledgeDigestSubject(props),
      template: "pledge-digest",
      body: PledgeDigest(props),
    });
  return failed.length;
}

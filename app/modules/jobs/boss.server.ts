import { sql } from "drizzle-orm";
import { fromDrizzle, PgBoss } from "pg-boss";
import type { Db } from "#db/client.server";
import { logger } from "~/lib/logger.server";

// Background jobs on pg-boss, in the same PostgreSQL (issue 3, item 4). Several
// workers share the queues and each job runs once; handlers must still be
// idempotent because pg-boss may run a job twice after a crash.

export const QUEUES = {
  stripeEvent: "stripe-event",
  stripeEventSweep: "stripe-event-sweep",
  renewalReminders: "membership-renewal-reminders",
  reconcile: "ledger-reconcile",
  initiativeNotice: "initiative-notice",
  emailSend: "email-send",
  initiativeStatusChanged: "initiative-status-changed",
  pledgeCollect: "pledge-collect",
  pledgeSweep: "pledge-sweep",
  pledgeDigest: "pledge-digest",
  rolloutSweep: "rollout-sweep",
  passwordResetRequest: "password-reset-request",
  signupEmail: "signup-email",
  signupCleanup: "signup-cleanup",
  emailRedaction: "email-redaction",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

// While the database is away every worker's poll fails: one line per kind of failure
// every 30 seconds instead of one per queue per poll; the count says how many were folded.
const QUEUE_ERROR_QUIET_MS = 30_000;
const lastQueueError = new Map<string, { at: number; folded: number }>();

function reportQueueError(error: Error & { code?: string }) {
  const kind = error.code ?? error.message.replace(/\(Queue: .*$/, "").slice(0, 80);
  const now = Date.now();
  const last = lastQueueError.get(kind);
  if (last && now - last.at < QUEUE_ERROR_QUIET_MS) {
    last.folded++;
    return;
  }
  lastQueueError.set(kind, { at: now, folded: 0 });
  logger.error({ err: error, similarSinceLast: last?.folded ?? 0 }, "job queue error");
}

const globalBoss = globalThis as unknown as { __commonsBoss?: Promise<PgBoss> };

/** The process's pg-boss instance, started (schema created) on first use. */
export function boss(): Promise<PgBoss> {
  if (!globalBoss.__commonsBoss) {
    globalBoss.__commonsBoss = (async () => {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error("DATABASE_URL is not set");
      // LISTEN/NOTIFY wakes a worker as soon as a webhook's job commits; polling stays as a floor.
      const instance = new PgBoss({ connectionString: url, max: 4, useListenNotify: true });
      instance.on("error", reportQueueError);
      await instance.start();
      for (const name of Object.values(QUEUES)) await instance.createQueue(name, { notify: true });
      return instance;
    })();
  }
  return globalBoss.__commonsBoss;
}

/** Enqueues inside `tx`, so the job exists exactly when the transaction commits. */
export async function enqueue(
  tx: Db,
  queue: QueueName,
  data: object,
  options: {
    singletonKey?: string;
    retryLimit?: number;
    retryDelay?: number;
    retryBackoff?: boolean;
    expireInSeconds?: number;
  } = {},
) {
  const instance = await boss();
  return instance.send(queue, data, {
    retryLimit: 8,
    retryBackoff: true,
    retryDelay: 2,
    ...options,
    db: fromDrizzle(tx, sql),
  });
}

/** Enqueues outside any transaction (a staff "run now" button). */
export async function enqueueNow(queue: QueueName, data: object = {}) {
  return (await boss()).send(queue, data, { retryLimit: 2 });
}

export async function stopBoss() {
  const pending = globalBoss.__commonsBoss;
  globalBoss.__commonsBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 10_000 });
}

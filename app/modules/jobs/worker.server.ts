import { getDb } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { expireLapsedInitiatives } from "~/modules/initiatives/initiatives.server";
import { deliverNotice, type Notice } from "~/modules/initiatives/notices.server";
import { reconcileLedger } from "~/modules/ledger/reconciliation.server";
import { handleMembershipEvent } from "~/modules/memberships/lifecycle.server";
import { expireLapsedMemberships, sendRenewalReminders } from "~/modules/memberships/renewals.server";
import { processStripeEvent, recordProcessingError } from "~/modules/payments/event-processing.server";
import { boss, QUEUES } from "./boss.server";

// The worker: starts with the app (WORKER=true, the default) or alone with
// `npm run worker`. Every handler is idempotent.

export async function startWorker() {
  const instance = await boss();
  await instance.work<{ eventId: string }>(
    QUEUES.stripeEvent,
    // A backlog (a webhook burst) is drained without pausing between full batches;
    // NOTIFY wakes idle workers and the backstop poll stays short.
    { batchSize: 10, localConcurrency: 2, burstWhenBatchFull: true, notifyPollingIntervalSeconds: 5 },
    async (jobs) => {
      for (const job of jobs) {
        try {
          await processStripeEvent(getDb(), job.data.eventId, [handleMembershipEvent]);
        } catch (error) {
          logger.error(
            { err: error, eventId: job.data.eventId },
            "stripe event processing failed; it will be retried",
          );
          await recordProcessingError(getDb(), job.data.eventId, error);
          throw error;
        }
      }
    },
  );
  await instance.work(QUEUES.renewalReminders, async () => {
    const expired = await expireLapsedMemberships(getDb());
    const reminders = await sendRenewalReminders(getDb());
    logger.info({ expired, reminders }, "daily membership job done");
  });
  // Every day at 07:00 UTC; pg-boss runs a schedule once across all workers.
  await instance.schedule(QUEUES.renewalReminders, "0 7 * * *", {}, { tz: "UTC" });
  await instance.work(QUEUES.reconcile, async () => {
    const result = await reconcileLedger(getDb());
    logger.info(result, "ledger reconciled with Stripe");
  });
  await instance.schedule(QUEUES.reconcile, "30 6 * * *", {}, { tz: "UTC" });
  await instance.work<Notice>(
    QUEUES.initiativeNotice,
    { batchSize: 5, localConcurrency: 1, notifyPollingIntervalSeconds: 5 },
    async (jobs) => {
      for (const job of jobs) await deliverNotice(getDb(), job.data);
    },
  );
  await instance.work(QUEUES.initiativeExpiry, async () => {
    const expired = await expireLapsedInitiatives(getDb());
    logger.info({ expired }, "lapsed initiatives expired");
  });
  await instance.schedule(QUEUES.initiativeExpiry, "15 0 * * *", {}, { tz: "UTC" });
  logger.info("job worker started");
}

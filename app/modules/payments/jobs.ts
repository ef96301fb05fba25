import { z } from "zod";
import { getDb } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { processStripeEvent, recordProcessingError, type StripeEventRoutes } from "./event-processing.server";
import { requeueStalledEvents } from "./webhooks.server";

/** Processing stored Stripe events, routed to the handlers the modules registered. */
export function stripeEventJob(routes: StripeEventRoutes) {
  return defineJob({
    queue: QUEUES.stripeEvent,
    payload: z.object({ eventId: z.string().min(1) }),
    // A backlog (a webhook burst) is drained without pausing between full batches;
    // NOTIFY wakes idle workers and the backstop poll stays short.
    work: {
      batchSize: 10,
      localConcurrency: 2,
      concurrentBatch: true,
      burstWhenBatchFull: true,
      notifyPollingIntervalSeconds: 5,
    },
    handle: async (data: { eventId: string }) => {
      try {
        await processStripeEvent(getDb(), data.eventId, routes);
      } catch (error) {
        logger.error(
          { err: error, eventId: data.eventId },
          "stripe event processing failed; it will be retried",
        );
        await recordProcessingError(getDb(), data.eventId, error);
        throw error;
      }
    },
  });
}

/** Every five minutes: events whose job died with its worker get a new one. */
export const stripeEventSweepJob = defineJob({
  queue: QUEUES.stripeEventSweep,
  payload: z.object({}).loose(),
  schedule: "*/5 * * * *",
  handle: async () => {
    const requeued = await requeueStalledEvents(getDb());
    if (requeued) logger.warn({ requeued }, "stripe events without a live job were queued again");
  },
});

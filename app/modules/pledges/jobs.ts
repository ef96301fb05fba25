import { z } from "zod";
import { getDb } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { collectPledge } from "./collection.server";
import { releasePledges, startCollection } from "./deadline.server";
import { sendFailureDigest, sweepPledges } from "./sweep.server";

export { pledgeStripeHandlers } from "./stripe-events.server";

// The pledges module's jobs (issue 10): reacting to initiative decisions, charging
// each pledge in its own job, and the clock.

type StatusChanged = { initiativeId: string; to: string; transitionId: string };

export const pledgeJobs = [
  defineJob({
    queue: QUEUES.initiativeStatusChanged,
    payload: z.object({ initiativeId: z.uuid(), to: z.string(), transitionId: z.uuid() }),
    handle: async (data: StatusChanged) => {
      if (data.to === "funded") return startCollection(getDb(), data.initiativeId);
      if (["expired", "withdrawn", "declined"].includes(data.to))
        return releasePledges(getDb(), data.initiativeId);
      return 0;
    },
  }),
  defineJob({
    queue: QUEUES.pledgeCollect,
    payload: z.object({ pledgeId: z.uuid() }),
    // Each charge waits on Stripe most of its time: several in flight per worker.
    work: {
      batchSize: 10,
      localConcurrency: 4,
      concurrentBatch: true,
      burstWhenBatchFull: true,
      notifyPollingIntervalSeconds: 5,
    },
    handle: (data: { pledgeId: string }) => collectPledge(getDb(), data.pledgeId),
  }),
  defineJob({
    queue: QUEUES.pledgeSweep,
    payload: z.object({}).loose(),
    schedule: "*/5 * * * *",
    handle: async () => logger.info(await sweepPledges(getDb()), "pledge sweep"),
  }),
  defineJob({
    queue: QUEUES.pledgeDigest,
    payload: z.object({}).loose(),
    schedule: "0 7 * * *",
    handle: async () => logger.info({ failed: await sendFailureDigest(getDb()) }, "pledge failure digest"),
  }),
];

import { z } from "zod";
import { getDb } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { reconcileLedger } from "./reconciliation.server";

// The scheduled run carries no payload; a staff "Run now" names who asked.
const reconcilePayload = z.object({ requestedById: z.uuid().optional() }).loose();

export const ledgerJobs = [
  defineJob({
    queue: QUEUES.reconcile,
    payload: reconcilePayload,
    schedule: "30 6 * * *",
    handle: async ({ requestedById }, job) =>
      logger.info(
        await reconcileLedger(getDb(), { requestedById, jobId: job.id }),
        "ledger reconciled with Stripe",
      ),
  }),
];

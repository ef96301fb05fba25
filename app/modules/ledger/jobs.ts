import { z } from "zod";
import { getDb } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { reconcileLedger } from "./reconciliation.server";

export const ledgerJobs = [
  defineJob({
    queue: QUEUES.reconcile,
    payload: z.object({}).loose(),
    schedule: "30 6 * * *",
    handle: async () => logger.info(await reconcileLedger(getDb()), "ledger reconciled with Stripe"),
  }),
];

import { z } from "zod";
import { getDb } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { sweepRollouts } from "./rollouts.server";

export const deliveryJobs = [
  defineJob({
    queue: QUEUES.rolloutSweep,
    payload: z.object({}).loose(),
    // Daily: hubs upgrade on their own schedule; a day's delay in "verified" is fine.
    schedule: "30 5 * * *",
    handle: async () => logger.info(await sweepRollouts(getDb()), "rollout sweep"),
  }),
];

import { z } from "zod";
import { getDb } from "#db/client.server";
import { logger } from "~/lib/logger.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { expireLapsedMemberships, sendRenewalReminders } from "./renewals.server";

export { membershipStripeHandlers } from "./stripe-events.server";

// The memberships module's background jobs (issue 9, section 2).
export const membershipJobs = [
  defineJob({
    queue: QUEUES.renewalReminders,
    payload: z.object({}).loose(),
    schedule: "0 7 * * *",
    handle: async () => {
      const expired = await expireLapsedMemberships(getDb());
      const reminders = await sendRenewalReminders(getDb());
      logger.info({ expired, reminders }, "daily membership job done");
    },
  }),
];

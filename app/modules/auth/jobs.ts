import { z } from "zod";
import { getDb } from "#db/client.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { sendPasswordReset } from "./accounts.server";
import { forgetStaleSignups, sendSignupEmail } from "./signup.server";

export const authJobs = [
  defineJob({
    queue: QUEUES.passwordResetRequest,
    payload: z.object({ email: z.string() }),
    work: { batchSize: 5, localConcurrency: 1, notifyPollingIntervalSeconds: 5 },
    handle: async (data: { email: string }) => {
      await sendPasswordReset(getDb(), data.email);
    },
  }),
  defineJob({
    queue: QUEUES.signupEmail,
    payload: z.object({ pendingId: z.uuid() }),
    work: { batchSize: 5, localConcurrency: 1, notifyPollingIntervalSeconds: 5 },
    handle: (data: { pendingId: string }) => sendSignupEmail(getDb(), data.pendingId),
  }),
  defineJob({
    queue: QUEUES.signupCleanup,
    payload: z.object({}),
    schedule: "17 3 * * *",
    handle: () => forgetStaleSignups(getDb()),
  }),
];

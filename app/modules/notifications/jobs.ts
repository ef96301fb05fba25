import { z } from "zod";
import { getDb } from "#db/client.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { deliverEmail, EMAIL_RETRY_LIMIT, redactExpiredSecrets } from "./email.server";

export const notificationJobs = [
  defineJob({
    queue: QUEUES.emailSend,
    payload: z.object({ messageId: z.uuid() }),
    // One message a job: a failing address must not hold back the others.
    work: { batchSize: 1, localConcurrency: 2, notifyPollingIntervalSeconds: 5 },
    handle: (data: { messageId: string }, job) =>
      deliverEmail(getDb(), data.messageId, { lastAttempt: job.retryCount >= EMAIL_RETRY_LIMIT }),
  }),
  defineJob({
    queue: QUEUES.emailRedaction,
    payload: z.object({}),
    schedule: "*/15 * * * *",
    handle: () => redactExpiredSecrets(getDb()),
  }),
];

import { z } from "zod";
import { getDb } from "#db/client.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { deliverEmail, EMAIL_RETRY_LIMIT, redactExpiredSecrets } from "./email.server";

export const notificationJobs = [
  defineJob({
    queue: QUEUES.emailSend,
    payload: z.object({ messageId: z.uuid() }),
    // One message a job, a few sent at once: a failing address fails only its own job (the
    // worker settles each job of a batch on its own), and a batch that comes back full is
    // followed at once by the next, so a notice to many people is not paced by the backstop poll.
    work: { batchSize: 5, localConcurrency: 2, concurrentBatch: true, notifyPollingIntervalSeconds: 5 },
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

import { z } from "zod";
import { getDb } from "#db/client.server";
import { QUEUES } from "~/modules/jobs/boss.server";
import { defineJob } from "~/modules/jobs/definitions";
import { deliverNotice, type Notice } from "./notices.server";

const notice: z.ZodType<Notice> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("submitted"), transitionId: z.uuid() }),
  z.object({ kind: z.literal("status"), transitionId: z.uuid() }),
  z.object({ kind: z.literal("update"), updateId: z.uuid() }),
  z.object({ kind: z.literal("endorsed"), endorsementId: z.uuid() }),
  z.object({ kind: z.literal("merged"), duplicateId: z.uuid(), originalId: z.uuid(), rationale: z.string() }),
]);

export const initiativeJobs = [
  defineJob({
    queue: QUEUES.initiativeNotice,
    payload: notice,
    work: { batchSize: 5, localConcurrency: 1, notifyPollingIntervalSeconds: 5 },
    handle: (data: Notice) => deliverNotice(getDb(), data),
  }),
];

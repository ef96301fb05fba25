import type { WorkOptions } from "pg-boss";
import type { z } from "zod";
import type { QueueName } from "./boss.server";

// What a module declares about each of its background jobs (issue 9, section 2):
// the queue, the payload's schema, an optional schedule, and the handler. One
// registry (registry.server.ts) collects the declarations; the worker starts them.

export type JobDefinition<T = unknown> = {
  queue: QueueName;
  payload: z.ZodType<T>;
  /** Cron expression, UTC; pg-boss runs a schedule once across all workers. */
  schedule?: string;
  work?: Pick<WorkOptions, "batchSize" | "localConcurrency" | "notifyPollingIntervalSeconds"> & {
    burstWhenBatchFull?: boolean;
    /**
     * Run the jobs of a fetched batch at once rather than one after another: for
     * handlers that are independent and idempotent and wait on the network (Stripe).
     */
    concurrentBatch?: boolean;
  };
  handle: (data: T, job: { id: string; retryCount: number }) => Promise<unknown>;
};

export function defineJob<T>(definition: JobDefinition<T>): JobDefinition<unknown> {
  return definition as unknown as JobDefinition<unknown>;
}

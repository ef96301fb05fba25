import { logger } from "~/lib/logger.server";
import { boss } from "./boss.server";
import type { JobDefinition } from "./definitions";
import { jobDefinitions } from "./registry.server";

// The worker: starts with the app (WORKER=true, the default) or alone with
// `npm run worker`, and runs every job the modules declared (registry.server.ts).
// Every handler is idempotent: pg-boss may run a job twice.

const RETIRED_SCHEDULES = ["initiative-expiry"];

/**
 * The options a queue's worker fetches with. A batch that comes back full means more jobs are
 * waiting: the worker fetches again at once rather than sleeping out its backstop poll. Without
 * that, the one NOTIFY for a job that missed a full batch was already spent, and the job waited
 * five seconds (an initiative's notices, queued a few at a time, went out that much later).
 */
export function workOptions(definition: JobDefinition<unknown>) {
  const { concurrentBatch, ...work } = definition.work ?? {};
  return { concurrentBatch: concurrentBatch ?? false, work: { burstWhenBatchFull: true, ...work } };
}

export async function startWorker() {
  const instance = await boss();
  for (const definition of jobDefinitions) {
    const { concurrentBatch, work } = workOptions(definition);
    const run = (job: { id: string; data: unknown; retryCount: number }) =>
      definition.handle(definition.payload.parse(job.data ?? {}), { id: job.id, retryCount: job.retryCount });
    await instance.work<unknown>(definition.queue, work, async (jobs) => {
      if (!concurrentBatch) {
        for (const job of jobs) await run(job);
        return;
      }
      // A failure fails the batch (pg-boss retries its jobs; handlers are idempotent), after every job ran.
      const failed = (await Promise.allSettled(jobs.map(run))).find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
    });
    // pg-boss runs a schedule once across all workers.
    if (definition.schedule)
      await instance.schedule(definition.queue, definition.schedule, {}, { tz: "UTC" });
  }
  // Schedules of jobs that no longer exist (initiative-expiry became the pledge sweep, issue 10).
  for (const retired of RETIRED_SCHEDULES) await instance.unschedule(retired).catch(() => undefined);
  logger.info({ jobs: jobDefinitions.length }, "job worker started");
}

import type { JobResult } from "pg-boss";
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

type BatchJob = { id: string; data: unknown; retryCount: number };

/**
 * Runs a fetched batch and says how each job ended, so pg-boss settles each on its own: a job
 * that throws is failed and retried alone, and the others in its batch complete (before, one
 * failure failed the whole batch, and every job in it ran again). One after another, or all at
 * once for a queue that declared `concurrentBatch`.
 */
export async function settleBatch(
  queue: string,
  jobs: BatchJob[],
  run: (job: BatchJob) => Promise<unknown>,
  concurrent: boolean,
): Promise<JobResult[]> {
  const settle = async (job: BatchJob): Promise<JobResult> => {
    try {
      await run(job);
      return { id: job.id, status: "completed" };
    } catch (error) {
      logger.warn(
        { err: error, queue, jobId: job.id, retryCount: job.retryCount },
        "job failed; pg-boss retries it",
      );
      // pg-boss stores the error (message and stack) as the job's output.
      return { id: job.id, status: "failed", output: error };
    }
  };
  if (concurrent) return Promise.all(jobs.map(settle));
  const results: JobResult[] = [];
  for (const job of jobs) results.push(await settle(job));
  return results;
}

export async function startWorker() {
  const instance = await boss();
  for (const definition of jobDefinitions) {
    const { concurrentBatch, work } = workOptions(definition);
    const run = (job: BatchJob) =>
      definition.handle(definition.payload.parse(job.data ?? {}), { id: job.id, retryCount: job.retryCount });
    await instance.work<unknown>(definition.queue, { ...work, perJobResults: true }, (jobs) =>
      settleBatch(definition.queue, jobs, run, concurrentBatch),
    );
    // pg-boss runs a schedule once across all workers.
    if (definition.schedule)
      await instance.schedule(definition.queue, definition.schedule, {}, { tz: "UTC" });
  }
  // Schedules of jobs that no longer exist (initiative-expiry became the pledge sweep, issue 10).
  for (const retired of RETIRED_SCHEDULES) await instance.unschedule(retired).catch(() => undefined);
  logger.info({ jobs: jobDefinitions.length }, "job worker started");
}

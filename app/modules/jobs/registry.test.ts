import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { handledEventTypes } from "~/modules/payments/event-processing.server";
import { jobDefinitions, stripeEventRoutes } from "./registry.server";
import { settleBatch, workOptions } from "./worker.server";

// A deployment enables exactly the Stripe events some module handles (README, "Running
// against a real Stripe account"): a handler added without its event there would never run.

describe("the Stripe events a deployment enables", () => {
  it("README lists exactly the event types the modules handle", () => {
    const readme = readFileSync("README.md", "utf8");
    const start = readme.indexOf("Enable exactly the events Commons handles");
    const sentence =
      start >= 0 ? readme.slice(start, readme.indexOf("Other events are stored", start)) : null;
    expect(sentence, "the README sentence listing the events").toBeTruthy();
    const listed = [...sentence!.matchAll(/`([a-z_.]+)`/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(handledEventTypes(stripeEventRoutes));
    expect(listed).toContain("payment_intent.succeeded");
  });
});

describe("the queues' workers", () => {
  it("fetch again at once while batches come back full, so a job past a full batch is not left for the next poll", () => {
    const batched = jobDefinitions.filter((d) => (d.work?.batchSize ?? 1) > 1);
    expect(batched.map((d) => d.queue)).toContain("initiative-notice");
    for (const definition of batched)
      expect(workOptions(definition).work, definition.queue).toMatchObject({ burstWhenBatchFull: true });
  });

  it("keep what a queue declared (its batch size, concurrency and backstop poll)", () => {
    const notices = jobDefinitions.find((d) => d.queue === "initiative-notice")!;
    expect(workOptions(notices)).toEqual({
      concurrentBatch: false,
      work: { burstWhenBatchFull: true, batchSize: 5, localConcurrency: 1, notifyPollingIntervalSeconds: 5 },
    });
  });
});

describe("a batch's jobs", () => {
  const jobs = ["a", "b", "c"].map((id) => ({ id, data: {}, retryCount: 0 }));
  const failB = async (job: { id: string }) => {
    if (job.id === "b") throw new Error("SMTP refused b");
  };

  for (const concurrent of [false, true])
    it(`settle one by one (${concurrent ? "all at once" : "in turn"}): the one that throws fails alone, with its error, and the others complete`, async () => {
      const ran: string[] = [];
      const results = await settleBatch(
        "email-send",
        jobs,
        async (job) => {
          ran.push(job.id);
          await failB(job);
        },
        concurrent,
      );
      expect(ran.sort()).toEqual(["a", "b", "c"]);
      expect(results.map((r) => [r.id, r.status])).toEqual([
        ["a", "completed"],
        ["b", "failed"],
        ["c", "completed"],
      ]);
      expect((results[1]!.output as Error).message).toBe("SMTP refused b");
    });
});

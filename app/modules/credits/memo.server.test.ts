import { describe, expect, it } from "vitest";
import { forgetMemoized, memoized } from "./memo.server";

describe("memoized", () => {
  it("computes once for concurrent callers and again after the time is up", async () => {
    forgetMemoized();
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
      return runs;
    };
    const values = await Promise.all(Array.from({ length: 10 }, () => memoized("k", 50, compute)));
    expect(values).toEqual(Array(10).fill(1));
    await new Promise((r) => setTimeout(r, 60));
    expect(await memoized("k", 50, compute)).toBe(2);
  });

  it("does not remember a failure", async () => {
    forgetMemoized();
    await expect(memoized("f", 1000, () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await memoized("f", 1000, async () => "up")).toBe("up");
  });
});

import { describe, expect, it } from "vitest";
import { reviewSchema } from "./schemas";

describe("the scorecard", () => {
  it("refuses an unset score instead of reading it as zero (issue 13, item 2)", () => {
    const unset = reviewSchema.safeParse({
      technical: "",
      network: "2",
      ecosystem: "1",
      sustainability: "0",
    });
    expect(unset.success).toBe(false);
    expect(unset.error?.issues.map((i) => i.path.join("."))).toEqual(["technical"]);
    expect(
      reviewSchema.parse({ technical: "0", network: "3", ecosystem: "1", sustainability: "2", note: "" }),
    ).toMatchObject({
      technical: 0,
      network: 3,
    });
    expect(
      reviewSchema.safeParse({ technical: "4", network: "-1", ecosystem: "1.5", sustainability: "x" })
        .success,
    ).toBe(false);
  });
});

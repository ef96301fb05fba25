import { describe, expect, it } from "vitest";
import { allocateQuadratic, oneToOneMatch, rawQuadraticMatch } from "./allocation";

// Worked examples, checked by hand (issue 10, section 3).

describe("raw quadratic match", () => {
  it("four organizations of 100 earn (4·10)² − 400 = 1,200; one of 400 earns nothing", () => {
    expect(rawQuadraticMatch([100, 100, 100, 100])).toBe(1_200);
    expect(rawQuadraticMatch([400])).toBe(0);
    expect(rawQuadraticMatch([])).toBe(0);
  });

  it("uneven pledges: 900 and 100 give (30 + 10)² − 1,000 = 600", () => {
    expect(rawQuadraticMatch([900, 100])).toBe(600);
  });

  it("two equal pledges of a: (2√a)² − 2a = 2a, exactly, at realistic sizes", () => {
    expect(rawQuadraticMatch([1_234_567, 1_234_567])).toBe(2_469_134);
  });

  it("refuses fractions and negative amounts", () => {
    expect(() => rawQuadraticMatch([1.5])).toThrow();
    expect(() => rawQuadraticMatch([-1])).toThrow();
  });
});

describe("sharing the pool", () => {
  const a = { id: "a", pledgesByOrganization: [100, 100, 100, 100], capShareBp: null }; // raw 1,200
  const b = { id: "b", pledgesByOrganization: [900, 100], capShareBp: null }; // raw 600

  it("when the raw matches fit the pool, each gets its raw match", () => {
    expect(allocateQuadratic(10_000, [a, b])).toEqual([
      { id: "a", raw: 1_200, match: 1_200, capped: false, scaled: false },
      { id: "b", raw: 600, match: 600, capped: false, scaled: false },
    ]);
  });

  it("a pool of 900 against 1,800 raw scales both by ½: 600 and 300", () => {
    expect(allocateQuadratic(900, [a, b])).toEqual([
      { id: "a", raw: 1_200, match: 600, capped: false, scaled: true },
      { id: "b", raw: 600, match: 300, capped: false, scaled: true },
    ]);
  });

  it("a cap of 40% of a 1,000 pool holds A at 400; its overflow goes to B up to B's raw 600", () => {
    // Scaled: A 1,200·1000/1,800 = 666 > cap 400 → A = 400; remaining 600 for B, raw 600 → 600.
    const result = allocateQuadratic(1_000, [{ ...a, capShareBp: 4_000 }, b]);
    expect(result).toEqual([
      { id: "a", raw: 1_200, match: 400, capped: true, scaled: false },
      { id: "b", raw: 600, match: 600, capped: false, scaled: false },
    ]);
    expect(result.reduce((s, r) => s + r.match, 0)).toBeLessThanOrEqual(1_000);
  });

  it("overflow never lifts an initiative past its raw match; the rest stays in the pool", () => {
    const result = allocateQuadratic(5_000, [{ ...a, capShareBp: 1_000 }, b]);
    // A capped at 10% of 5,000 = 500; B gets its raw 600; 3,900 stays.
    expect(result.map((r) => r.match)).toEqual([500, 600]);
  });

  it("an empty pool matches nothing; a lone funder takes nothing from it", () => {
    expect(allocateQuadratic(0, [a]).map((r) => r.match)).toEqual([0]);
    expect(
      allocateQuadratic(1_000, [{ id: "c", pledgesByOrganization: [500], capShareBp: null }])[0]!.match,
    ).toBe(0);
  });

  it("never hands out more than the pool, whatever the mix", () => {
    const many = Array.from({ length: 25 }, (_, i) => ({
      id: String(i),
      pledgesByOrganization: Array.from({ length: (i % 7) + 1 }, (_, j) => 1_000 * (j + 1) + i),
      capShareBp: i % 3 === 0 ? 500 : null,
    }));
    const total = allocateQuadratic(77_777, many).reduce((s, r) => s + r.match, 0);
    expect(total).toBeLessThanOrEqual(77_777);
    expect(total).toBeGreaterThan(77_000);
  });
});

describe("1:1 match", () => {
  it("matches the pledged amount up to the cap and the pool", () => {
    expect(oneToOneMatch(3_000, 5_000, 100_000)).toEqual({ match: 3_000, capped: false, poolLimited: false });
    expect(oneToOneMatch(8_000, 5_000, 100_000)).toEqual({ match: 5_000, capped: true, poolLimited: false });
    expect(oneToOneMatch(8_000, null, 2_000)).toEqual({ match: 2_000, capped: false, poolLimited: true });
  });
});

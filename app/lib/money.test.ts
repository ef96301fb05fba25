import { describe, expect, it } from "vitest";
import { formatMajorAmount, formatMoney, parseMajorAmount } from "./money";

describe("money", () => {
  it("parses major amounts into integer minor units without floats", () => {
    expect(parseMajorAmount("5000", "USD")).toBe(500_000);
    expect(parseMajorAmount("19.99", "USD")).toBe(1999);
    expect(parseMajorAmount("0.1", "EUR")).toBe(10);
    expect(parseMajorAmount("1200", "JPY")).toBe(1200);
    expect(parseMajorAmount("12.5", "JPY")).toBeNull();
    expect(parseMajorAmount("1.234", "USD")).toBeNull();
    expect(parseMajorAmount("-5", "USD")).toBeNull();
    expect(parseMajorAmount("abc", "USD")).toBeNull();
  });

  it("formats with Intl, hiding zero cents", () => {
    expect(formatMoney({ amountMinor: 500_000, currency: "USD" })).toBe("$5,000");
    expect(formatMoney({ amountMinor: 1999, currency: "USD" })).toBe("$19.99");
    expect(formatMoney({ amountMinor: 1200, currency: "JPY" })).toBe("¥1,200");
  });

  it("writes minor units back as a major amount for forms", () => {
    expect(formatMajorAmount(500_000, "USD")).toBe("5000.00");
    expect(formatMajorAmount(1999, "USD")).toBe("19.99");
    expect(formatMajorAmount(-14_530, "USD")).toBe("-145.30");
    expect(formatMajorAmount(-5, "USD")).toBe("-0.05");
    expect(formatMajorAmount(1200, "JPY")).toBe("1200");
  });
});

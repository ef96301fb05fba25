import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./request.server";

// Issue 12, item 1: what an attacker puts in `redirectTo` never leaves the site.
describe("safeRedirectPath", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirectPath("/orgs/tide-lab/billing?tab=receipts#latest")).toBe(
      "/orgs/tide-lab/billing?tab=receipts#latest",
    );
  });

  it("leaves an encoded tab encoded: a path on this site, not another host", () => {
    expect(safeRedirectPath("/%09/evil.example")).toBe("/%09/evil.example");
    expect(new URL(safeRedirectPath("/%09/evil.example"), "https://commons.example").host).toBe(
      "commons.example",
    );
  });

  it.each([
    ["//evil.example", "protocol-relative"],
    ["/\t/evil.example", "a tab the browser drops"],
    ["/\n/evil.example", "a newline the browser drops"],
    ["/\r\nSet-Cookie: x=1", "CR/LF for header injection"],
    ["/\\evil.example", "a backslash read as a slash"],
    ["https://evil.example/", "an absolute URL"],
    ["javascript:alert(1)", "a script URL"],
    ["", "nothing"],
  ])("refuses %j (%s)", (target) => {
    const result = safeRedirectPath(target);
    expect(new URL(result, "https://commons.example").origin).toBe("https://commons.example");
    expect(result).not.toMatch(/evil|[\r\n\t]/);
  });
});

import { describe, expect, it } from "vitest";
import { hubRoot, jupyterhubSemver, versionIncludes } from "./hub-address";

describe("hubRoot", () => {
  it.each([
    ["https://hub.example.org/hub/", "https://hub.example.org"],
    ["https://hub.example.org/hub/home", "https://hub.example.org"],
    ["https://hub.example.org/hub/login?next=%2Fhub%2F", "https://hub.example.org"],
    ["https://hub.example.org/hub", "https://hub.example.org"],
    ["https://hub.example.org/", "https://hub.example.org"],
    ["https://example.org/jupyter/hub/login", "https://example.org/jupyter"],
    ["https://example.org/a/b/hub/spawn-pending/ana", "https://example.org/a/b"],
    ["https://hub.example.org/user/ana/lab/tree/data.ipynb", "https://hub.example.org"],
    ["https://hub.example.org:8443/HUB/home#top", "https://hub.example.org:8443"],
    ["  https://example.org/base/  ", "https://example.org/base"],
  ])("%s → %s", (pasted, root) => {
    expect(hubRoot(pasted)).toBe(root);
  });
});

describe("versionIncludes", () => {
  it.each([
    ["5.2.1", "5.2.0", true],
    ["5.2.0", "5.2.0", true],
    ["5.1.0", "5.2.0", false],
    ["5.2.0b1", "5.2.0", false],
    ["5.2.0.dev", "5.2.0", false],
    ["5.2.1.dev", "5.2.0", true],
    ["5.2.0+gabc123", "5.2.0", true],
    ["6.0", "5.2.0", true],
    ["4.1.5", "5.0.0", false],
    ["not a version", "5.0.0", false],
    ["5.02.0", "5.2.0", true],
    ["99999999999999999999.0", "5.2.0", false],
    ["5.3.0a1", "5.3.0rc2", false],
    ["5.3.0.dev0", "5.3.0a1", false],
    ["5.3.0rc2", "5.3.0b1", true],
    ["5.2.0.post1", "5.2.0", true],
    ["5.2.1.1", "5.2.1", false],
  ])("hub %s includes %s: %s", (hub, release, expected) => {
    expect(versionIncludes(hub, release)).toBe(expected);
  });

  it("reads Python pre-releases as before the release", () => {
    expect(jupyterhubSemver("4.1.0b1")).toBe("4.1.0-2.1");
    expect(jupyterhubSemver("v5.0")).toBe("5.0.0");
  });
});

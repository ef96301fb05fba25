import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "~/modules/auth/request.server";
import { isCrossSiteWrite, privateForSessions, rejectCrossSiteWrites, securityHeaders } from "./security";

describe("isCrossSiteWrite", () => {
  const own = ["http://localhost:3000"];
  it.each([
    ["POST", { secFetchSite: "cross-site" }, true],
    ["POST", { secFetchSite: "same-site" }, true],
    ["POST", { secFetchSite: "same-origin" }, false],
    ["POST", { secFetchSite: "none" }, false],
    ["DELETE", { origin: "https://evil.example" }, true],
    ["POST", { origin: "http://localhost:3000" }, false],
    ["POST", {}, false],
    ["GET", { secFetchSite: "cross-site" }, false],
  ] as const)("%s with %o → %s", (method, headers, expected) => {
    expect(isCrossSiteWrite(method, headers, own)).toBe(expected);
  });
});

describe("security middleware on a real HTTP server", () => {
  let base = "";
  let actionRuns = 0;
  let server: ReturnType<express.Express["listen"]>;
  beforeAll(async () => {
    const app = express();
    app.disable("x-powered-by");
    app.use(securityHeaders({ production: true }));
    app.use(rejectCrossSiteWrites({ appUrl: "http://localhost:3000" }));
    app.all("/thing", (_req, res) => {
      actionRuns++;
      res.send("done");
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, "127.0.0.1", () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses a cross-site POST with 403 before the action runs", async () => {
    const before = actionRuns;
    const response = await fetch(`${base}/thing`, {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(403);
    expect(actionRuns).toBe(before);
  });

  it("refuses a POST whose Origin is another site when Sec-Fetch-Site is absent", async () => {
    const response = await fetch(`${base}/thing`, {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
  });

  it("lets a same-origin POST through", async () => {
    const response = await fetch(`${base}/thing`, {
      method: "POST",
      headers: { "sec-fetch-site": "same-origin" },
    });
    expect(response.status).toBe(200);
  });

  it("sends a nonce CSP, frame-ancestors none, nosniff, a referrer policy and HSTS in production", async () => {
    const first = await fetch(`${base}/thing`);
    const second = await fetch(`${base}/thing`);
    const csp = first.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toEqual(second.headers.get("content-security-policy"));
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("strict-transport-security")).toContain("max-age=");
    expect(first.headers.get("x-powered-by")).toBeNull();
  });
});

describe("signed-in pages are private", () => {
  let base = "";
  let server: ReturnType<express.Express["listen"]>;
  beforeAll(async () => {
    const app = express();
    app.use(privateForSessions());
    app.get("/page", (_req, res) => res.send("page"));
    app.get("/download", (_req, res) => res.set("Cache-Control", "public, max-age=60").send("file"));
    await new Promise<void>((resolve) => {
      server = app.listen(0, "127.0.0.1", () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers a session with Cache-Control: private, no-store; anonymous pages stay cacheable", async () => {
    const signedIn = await fetch(`${base}/page`, {
      headers: { cookie: `theme=dark; ${SESSION_COOKIE}=abc.def` },
    });
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
    expect((await fetch(`${base}/page`)).headers.get("cache-control")).toBeNull();
    const download = await fetch(`${base}/download`, { headers: { cookie: `${SESSION_COOKIE}=abc.def` } });
    expect(download.headers.get("cache-control")).toBe("public, max-age=60");
  });
});

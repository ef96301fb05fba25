import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousPageCache } from "./page-cache";

// The anonymous page cache (ADR 0009) on a real HTTP server: what a visitor gets,
// and that every response carries its own nonce.
describe("anonymous page cache", () => {
  let base = "";
  let renders = 0;
  let server: ReturnType<express.Express["listen"]>;
  const cache = anonymousPageCache({ paths: ["/initiatives"], ttlMs: 300 });

  beforeAll(async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString("base64");
      res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}'`);
      next();
    });
    app.use(cache);
    app.get("/initiatives", (req, res) => {
      renders++;
      res.type("html");
      res.write(`<p>render ${renders} of ${req.originalUrl}</p>`);
      res.end(`<script nonce="${res.locals.cspNonce}">1</script>`);
    });
    app.get("/other", (_req, res) => {
      renders++;
      res.type("html").send("other");
    });
    app.post("/anything", (_req, res) => res.send("written"));
    app.post("/webhooks/stripe", (_req, res) => res.send("stored"));
    app.post("/refused", (_req, res) => res.status(400).send("invalid"));
    app.post("/to-login", (_req, res) => res.redirect(302, "/login?redirectTo=%2Fanything"));
    await new Promise<void>((resolve) => {
      server = app.listen(0, "127.0.0.1", () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const nonceOf = (response: Response) =>
    response.headers.get("content-security-policy")!.match(/nonce-(.+)'/)![1];

  it("replays a page to anonymous visitors with this response's own nonce", async () => {
    const before = renders;
    const first = await fetch(`${base}/initiatives?q=a`);
    const firstBody = await first.text();
    const second = await fetch(`${base}/initiatives?q=a`);
    const secondBody = await second.text();
    expect(renders).toBe(before + 1);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(secondBody.replace(/nonce="[^"]+"/, "")).toBe(firstBody.replace(/nonce="[^"]+"/, ""));
    expect(nonceOf(second)).not.toBe(nonceOf(first));
    expect(secondBody).toContain(`nonce="${nonceOf(second)}"`);
    expect(secondBody).not.toContain(nonceOf(first));
  });

  it("renders afresh for a different query, a cookie, another path, after a write, and after expiry", async () => {
    await fetch(`${base}/initiatives?q=b`);
    let before = renders;
    await fetch(`${base}/initiatives?q=c`);
    expect(renders).toBe(before + 1);

    before = renders;
    const signedIn = await fetch(`${base}/initiatives?q=b`, { headers: { cookie: "commons_session=x" } });
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    expect(renders).toBe(before + 1);

    before = renders;
    await fetch(`${base}/other`);
    await fetch(`${base}/other`);
    expect(renders).toBe(before + 2);

    // Anonymous posts, refused forms and forged sessions sent to sign in leave the cache alone (issue 12, item 14).
    before = renders;
    await fetch(`${base}/anything`, { method: "POST" });
    await fetch(`${base}/refused`, { method: "POST", headers: { cookie: "commons_session=x" } });
    await fetch(`${base}/to-login`, {
      method: "POST",
      headers: { cookie: "commons_session=forged" },
      redirect: "manual",
    });
    await fetch(`${base}/initiatives?q=b`);
    expect(renders).toBe(before);

    // A write the app accepted from a session, or a Stripe webhook, empties it.
    before = renders;
    await fetch(`${base}/anything`, { method: "POST", headers: { cookie: "commons_session=x" } });
    await fetch(`${base}/initiatives?q=b`);
    expect(renders).toBe(before + 1);
    before = renders;
    await fetch(`${base}/webhooks/stripe`, { method: "POST" });
    await fetch(`${base}/initiatives?q=b`);
    expect(renders).toBe(before + 1);

    await new Promise((r) => setTimeout(r, 350));
    before = renders;
    await fetch(`${base}/initiatives?q=b`);
    expect(renders).toBe(before + 1);
  });
});

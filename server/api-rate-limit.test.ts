import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitApi } from "./api-rate-limit";

describe("the API's rate limit", () => {
  let base = "";
  let server: ReturnType<express.Express["listen"]>;
  beforeAll(async () => {
    const app = express();
    app.set("trust proxy", 1);
    app.use("/api/v1", limitApi(3));
    app.all("/api/v1/*", (_req, res) => {
      res.json({ ok: true });
    });
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const get = (ip: string, method = "GET") =>
    fetch(`${base}/api/v1/initiatives`, { method, headers: { "X-Forwarded-For": ip } });

  it("counts per address, announces what is left, and refuses above the limit with Retry-After", async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await get("203.0.113.7"));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers[0]!.headers.get("ratelimit")).toBe("limit=3, remaining=2, reset=60");
    expect(answers[2]!.headers.get("ratelimit-policy")).toBe("3;w=60");
    // Preflights are not counted.
    expect((await get("203.0.113.7", "OPTIONS")).status).toBe(200);
    const refused = await get("203.0.113.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect((await refused.json()).error).toMatch(/at most 3 a minute/);
    // Concurrent requests from a fresh address are counted exactly.
    const burst = await Promise.all(Array.from({ length: 10 }, () => get("198.51.100.9")));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(3);
    // Another address is not affected.
    expect((await get("198.51.100.10")).status).toBe(200);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "./env.server";
import { returnOrigin } from "./return-origin.server";

// Issue 13, item 10: coming back from Stripe must not sign out someone browsing
// 127.0.0.1 when APP_URL says localhost, and must never follow a forged Host.
const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  reloadEnv();
});

function development() {
  Object.assign(process.env, { NODE_ENV: "development", PORT: "3000" });
  delete process.env.APP_URL;
  reloadEnv();
}

/** A request as the Express adapter builds it: the URL's host is the Host header. */
const from = (host: string) => new Request(`http://${host}/orgs/tide-lab/billing`, { method: "POST" });

describe("the origin Stripe returns to", () => {
  it("in development is the loopback host the person browses, on the app's port", () => {
    development();
    expect(returnOrigin(from("127.0.0.1:3000"))).toBe("http://127.0.0.1:3000");
    expect(returnOrigin(from("localhost:3000"))).toBe("http://localhost:3000");
    expect(returnOrigin(from("[::1]:3000"))).toBe("http://[::1]:3000");
  });

  it("in development is APP_URL for any other Host header: an attacker's, a lookalike, another port", () => {
    development();
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "127.0.0.1.evil.example:3000",
      "localhost.evil.example:3000",
      "127.0.0.1:3001",
      "localhost",
      "10.0.0.5:3000",
    ])
      expect(returnOrigin(from(host)), host).toBe("http://localhost:3000");
  });

  it("in production is always APP_URL, even for a loopback Host", () => {
    Object.assign(process.env, {
      NODE_ENV: "production",
      PORT: "3000",
      SESSION_SECRET: "a-production-secret-0123",
      STRIPE_SECRET_KEY: "sk_live_x",
      STRIPE_WEBHOOK_SECRET: "whsec_real_endpoint_secret",
      APP_URL: "https://commons.example.org",
    });
    reloadEnv();
    for (const host of ["127.0.0.1:3000", "localhost:3000", "evil.example"])
      expect(returnOrigin(from(host)), host).toBe("https://commons.example.org");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "./env.server";

// Configuration that used to fail open (issue 12, item 13).
const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  reloadEnv();
});

const production = {
  NODE_ENV: "production",
  SESSION_SECRET: "a-production-secret-0123",
  STRIPE_SECRET_KEY: "sk_live_x",
  STRIPE_WEBHOOK_SECRET: "whsec_real_endpoint_secret",
  APP_URL: "https://commons.example.org",
};

describe("environment", () => {
  it("refuses TRUST_PROXY=true, which lets any client pick the address its rate limits count", () => {
    process.env.TRUST_PROXY = "true";
    expect(() => reloadEnv()).toThrow(/TRUST_PROXY must be the number of proxies/);
    for (const ok of ["1", "2", "loopback", "10.0.0.0/8", "10.0.0.1, 192.168.0.0/16", "::1"]) {
      process.env.TRUST_PROXY = ok;
      expect(reloadEnv().TRUST_PROXY).toBe(ok);
    }
  });

  it("production needs APP_URL: without it cookies lose Secure and emails link to localhost", () => {
    Object.assign(process.env, production);
    delete process.env.APP_URL;
    expect(() => reloadEnv()).toThrow(/APP_URL must be set in production/);
    process.env.APP_URL = production.APP_URL;
    expect(reloadEnv().appUrl).toBe("https://commons.example.org");
  });

  it("development listens on 127.0.0.1 unless HOST says otherwise; production on every interface", () => {
    process.env.NODE_ENV = "development";
    delete process.env.HOST;
    expect(reloadEnv().host).toBe("127.0.0.1");
    process.env.HOST = "0.0.0.0";
    expect(reloadEnv().host).toBe("0.0.0.0");
    delete process.env.HOST;
    Object.assign(process.env, production);
    expect(reloadEnv().host).toBe("0.0.0.0");
  });
});

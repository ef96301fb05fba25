import { z } from "zod";

/** The emulator's webhook secret: public, so never accepted in production. */
export const DEVELOPMENT_WEBHOOK_SECRET = "whsec_commons_development_only";

// Every environment variable the app reads, validated once. The README's
// configuration table mirrors this schema.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  APP_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  EMBEDDED_PG_PORT: z.coerce.number().int().positive().default(54329),
  SESSION_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Commons <no-reply@commons.localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Which proxies may set X-Forwarded-For (issue 12, item 13): a hop count or addresses.
   * `true` would let any client choose the address its rate limits are counted on.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (v) =>
        /^[1-9]\d?$/.test(v) ||
        /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*$/.test(
          v,
        ),
      {
        message:
          "TRUST_PROXY must be the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.0/8); `true` would trust any client's X-Forwarded-For",
      },
    )
    .optional(),
  /** The interface to listen on: 127.0.0.1 in development (the outbox is not for the network). */
  HOST: z.string().optional(),
  ALLOW_PRIVATE_HUB_URLS: z.enum(["true", "false"]).optional(),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Where the SDK sends API calls when no key is set: the local emulator (set by the server). */
  STRIPE_API_BASE: z.url().optional(),
  STRIPE_EMULATOR_PORT: z.coerce.number().int().positive().default(12111),
  WORKER: z.enum(["true", "false"]).default("true"),
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(3),
  /** Requests a minute one client address may make to the JSON API (issue 11). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** Accounts one client address may create an hour (issue 12, item 4). */
  SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(10),
});

export type Env = z.infer<typeof schema> & {
  appUrl: string;
  isProduction: boolean;
  host: string;
  allowPrivateHubUrls: boolean;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  }
  const value = parsed.data;
  const isProduction = value.NODE_ENV === "production";
  // Issue 9, item 1.5: production never runs on the emulator's public development
  // secret, whatever else is set (STRIPE_API_BASE included).
  if (isProduction && (!value.STRIPE_SECRET_KEY || !value.STRIPE_WEBHOOK_SECRET)) {
    throw new Error("STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set in production");
  }
  if (isProduction && value.STRIPE_WEBHOOK_SECRET === DEVELOPMENT_WEBHOOK_SECRET) {
    throw new Error("STRIPE_WEBHOOK_SECRET is the public development value: use the endpoint's own secret");
  }
  if (isProduction && !value.APP_URL) {
    throw new Error("APP_URL must be set in production (cookie security and links in emails depend on it)");
  }
  if (isProduction && !value.SESSION_SECRET) {
    throw new Error("SESSION_SECRET must be set in production (at least 16 characters)");
  }
  cached = {
    ...value,
    appUrl: (value.APP_URL ?? `http://localhost:${value.PORT}`).replace(/\/$/, ""),
    isProduction,
    host: value.HOST ?? (isProduction ? "0.0.0.0" : "127.0.0.1"),
    allowPrivateHubUrls: value.ALLOW_PRIVATE_HUB_URLS
      ? value.ALLOW_PRIVATE_HUB_URLS === "true"
      : value.NODE_ENV !== "production",
  };
  return cached;
}

export function sessionSecret() {
  return env().SESSION_SECRET ?? "commons-development-secret-not-for-production";
}

/** Cookies are Secure everywhere but a plain-HTTP localhost (issue 2, item 4). */
export function secureCookies() {
  const { hostname } = new URL(env().appUrl);
  return !(hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]");
}

/** Re-reads the environment after the server set a derived variable (STRIPE_API_BASE, DATABASE_URL). */
export function reloadEnv() {
  cached = undefined;
  return env();
}

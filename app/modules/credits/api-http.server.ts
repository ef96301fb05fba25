import { cacheableResponse } from "~/lib/cacheable.server";
import { env } from "~/lib/env.server";
import { hitRateLimit } from "~/modules/auth/rate-limit.server";
import { db } from "~/modules/database.server";

// The edge of the JSON API (issue 11, section 3): a rate limit per client IP shared by
// every app server (Postgres), announced in RateLimit headers (IETF draft: `RateLimit`
// and `RateLimit-Policy`); CORS for GET from any origin; an ETag on every answer.

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match",
  "Access-Control-Expose-Headers": "ETag, RateLimit, RateLimit-Policy, Retry-After",
  "Access-Control-Max-Age": "86400",
};

export function preflight() {
  return new Response(null, { status: 204, headers: CORS });
}

function json(body: unknown, status: number, headers: Record<string, string>) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...CORS,
      ...headers,
    },
  });
}

/** Answers an API GET: refuses above the rate limit, 404s what is not there, else JSON with an ETag. */
export async function apiAnswer(request: Request, clientIp: string, produce: () => Promise<unknown | null>) {
  if (request.method === "OPTIONS") return preflight();
  const limit = env().API_RATE_LIMIT_PER_MINUTE;
  const windowSeconds = 60;
  const rate = await hitRateLimit(db(), `api:${clientIp}`, limit, windowSeconds);
  const rateHeaders = {
    RateLimit: `limit=${limit}, remaining=${rate.remaining}, reset=${rate.retryAfterSeconds}`,
    "RateLimit-Policy": `${limit};w=${windowSeconds}`,
  };
  if (!rate.allowed)
    return json({ error: `Too many requests: at most ${limit} a minute per address.` }, 429, {
      ...rateHeaders,
      "Retry-After": String(rate.retryAfterSeconds),
    });
  const body = await produce();
  if (body === null) return json({ error: "Not found." }, 404, rateHeaders);
  return cacheableResponse(
    request,
    JSON.stringify(body),
    { "Content-Type": "application/json; charset=utf-8", ...CORS, ...rateHeaders },
    60,
  );
}

/** Resource routes answer only reads: OPTIONS gets the CORS preflight, anything else 405. */
export function readOnlyAction({ request }: { request: Request }) {
  if (request.method === "OPTIONS") return preflight();
  return json({ error: "The API is read-only." }, 405, { Allow: "GET, HEAD, OPTIONS" });
}

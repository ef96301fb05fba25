import { cacheableResponse } from "~/lib/cacheable.server";

// The edge of the JSON API (issue 11, section 3): CORS for GET from any origin and an ETag
// on every answer. The rate limit per client address is applied before Remix, in
// server/api-rate-limit.ts.

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

/** Answers an API GET: 404 for what is not there, else JSON with an ETag (the rate limit is the server's, server/api-rate-limit.ts). */
export async function apiAnswer(request: Request, produce: () => Promise<unknown | null>) {
  const body = await produce();
  if (body === null) return json({ error: "Not found." }, 404, {});
  return cacheableResponse(
    request,
    JSON.stringify(body),
    { "Content-Type": "application/json; charset=utf-8", ...CORS },
    60,
  );
}

/** Resource routes answer only reads: OPTIONS gets the CORS preflight, anything else 405. */
export function readOnlyAction({ request }: { request: Request }) {
  if (request.method === "OPTIONS") return preflight();
  return json({ error: "The API is read-only." }, 405, { Allow: "GET, HEAD, OPTIONS" });
}

import { createHash } from "node:crypto";

// Public, cheap resources (badges, feeds, the API) answer with a short Cache-Control
// and an ETag; a request that already has this version gets 304 without a body.

export function etagOf(body: string | Uint8Array) {
  return `W/"${createHash("sha1").update(body).digest("base64url")}"`;
}

export function cacheableResponse(
  request: Request,
  body: string | Uint8Array,
  headers: Record<string, string> & { "Content-Type": string },
  maxAgeSeconds = 300,
) {
  const etag = etagOf(body);
  const common = {
    ...headers,
    ETag: etag,
    "Cache-Control": `public, max-age=${maxAgeSeconds}`,
    "X-Content-Type-Options": "nosniff",
  };
  const wanted = request.headers.get("If-None-Match");
  if (wanted?.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*"))
    return new Response(null, { status: 304, headers: common });
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    status: 200,
    headers: common,
  });
}

import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";

// The JSON API's rate limit per client address (issue 11, section 3), counted in each app
// server's memory by express-rate-limit: a read API should not cost a database write per
// request (ADR 0015). Announced in the IETF draft's RateLimit and RateLimit-Policy
// headers; a refusal is 429 with Retry-After and CORS, so browsers can read it too.

export function limitApi(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    skip: (req) => req.method === "OPTIONS",
    handler: (_req, res) => {
      res
        .status(429)
        .set({ "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" })
        .json({ error: `Too many requests: at most ${perMinute} a minute from one address.` });
    },
  });
}

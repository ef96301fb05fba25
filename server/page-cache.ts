import type { NextFunction, Request, RequestHandler, Response } from "express";

// A few-second cache of public pages for anonymous visitors (ADR 0009). The public
// catalog is the busiest page and the same for everyone without a session, yet
// rendering it costs ~10 ms of CPU. A hit replays the stored HTML with this
// response's own CSP nonce swapped in, so every response still carries a fresh,
// unpredictable nonce. Anything with a Cookie header (signed in, or a flash
// message) bypasses the cache. A real write empties it (issue 12, item 14): one the
// app accepted (below 400, not sent to sign in) from a session, or a Stripe webhook;
// an anonymous POST, a refused form or a forged cookie does not.

type Entry = { expires: number; body: string; nonce: string; contentType: string };

export type PageCacheOptions = {
  /** Exact paths, or patterns, of the public pages to keep (issue 11 adds initiative, member and credit pages). */
  paths: (string | RegExp)[];
  ttlMs: number;
  maxEntries?: number;
  /** The session cookie: a write counts only from a session (default commons_session). */
  sessionCookie?: string;
  /** Paths whose accepted writes always count (the Stripe webhook changes public totals). */
  writePaths?: string[];
};

export function anonymousPageCache(options: PageCacheOptions): RequestHandler & { clear: () => void } {
  const exact = new Set(options.paths.filter((p): p is string => typeof p === "string"));
  const patterns = options.paths.filter((p): p is RegExp => p instanceof RegExp);
  const cacheable = (path: string) => exact.has(path) || patterns.some((p) => p.test(path));
  const maxEntries = options.maxEntries ?? 200;
  const entries = new Map<string, Entry>();

  const session = `${options.sessionCookie ?? "commons_session"}=`;
  const writePaths = new Set(options.writePaths ?? ["/webhooks/stripe"]);
  const isRealWrite = (req: Request, res: Response) => {
    if (res.statusCode >= 400) return false;
    if (String(res.getHeader("Location") ?? "").startsWith("/login")) return false;
    return writePaths.has(req.path) || (req.headers.cookie ?? "").includes(session);
  };

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.on("finish", () => {
        if (isRealWrite(req, res)) {
          entries.clear();
          // The app's few-second memory of public figures (app/modules/credits/memo.server.ts).
          (globalThis as { __commonsMemo?: Map<string, unknown> }).__commonsMemo?.clear();
        }
      });
      return next();
    }
    if (options.ttlMs <= 0 || req.method !== "GET" || req.headers.cookie || !cacheable(req.path))
      return next();
    const nonce = res.locals.cspNonce as string | undefined;
    if (!nonce) return next();
    const key = req.originalUrl;
    const hit = entries.get(key);
    if (hit && hit.expires > Date.now()) {
      res.setHeader("Content-Type", hit.contentType);
      res.setHeader("X-Page-Cache", "hit");
      res.status(200).end(hit.body.replaceAll(`nonce="${hit.nonce}"`, `nonce="${nonce}"`));
      return;
    }
    if (hit) entries.delete(key);
    // Record what the app writes (before compression, which wraps these further out).
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown) => {
      if (typeof chunk === "string" || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== "function") keep(chunk);
      const contentType = String(res.getHeader("Content-Type") ?? "");
      if (res.statusCode === 200 && !res.getHeader("Set-Cookie") && contentType.startsWith("text/html")) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
        entries.set(key, {
          expires: Date.now() + options.ttlMs,
          body: Buffer.concat(chunks).toString("utf8"),
          nonce,
          contentType,
        });
      }
      return end(chunk, ...rest);
    }) as Response["end"];
    next();
  };
  return Object.assign(middleware, { clear: () => entries.clear() });
}

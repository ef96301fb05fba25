import type { NextFunction, Request, Response } from "express";

// Request bodies are refused early (issue 12, item 3): above a limit per kind of route,
// from the Content-Length header, before Remix (or anything) reads a byte of them. A
// body without a declared length (chunked, streamed) is refused too (411) on routes
// that take forms or webhooks: browsers and Stripe always declare it, and a stream of
// unknown length is exactly what would have to be read to be measured.

export type BodyKind = "form" | "webhook" | "upload";
export type BodyLimits = Record<BodyKind, number>;

const KiB = 1024;
export const BODY_LIMITS: BodyLimits = {
  // The longest form (a proposal: five markdown fields) is a few tens of KiB.
  form: 256 * KiB,
  // Stripe events are at most a few hundred KiB (an invoice with many lines).
  webhook: 1024 * KiB,
  // Logos (issue 11): a few MiB at most.
  upload: 5 * 1024 * KiB,
};

const UPLOAD_PATHS: RegExp[] = [/^\/orgs\/[^/]+\/logo$/];

export function bodyKindOf(path: string): BodyKind {
  if (path === "/webhooks/stripe") return "webhook";
  if (UPLOAD_PATHS.some((p) => p.test(path))) return "upload";
  return "form";
}

export function limitRequestBodies(limits: BodyLimits = BODY_LIMITS) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const kind = bodyKindOf(req.path);
    const limit = limits[kind];
    const declared = req.headers["content-length"];
    const refuse = (status: 411 | 413, message: string) => {
      // Close the connection: the rest of the body is not read.
      res.set("Connection", "close").status(status).type("text/plain").send(message);
    };
    if (declared === undefined) {
      if (req.headers["transfer-encoding"] && kind !== "upload")
        return refuse(411, "A request body must declare its length.");
      return next();
    }
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) return refuse(411, "Invalid Content-Length.");
    if (length > limit) return refuse(413, `The request body is larger than ${Math.round(limit / KiB)} KiB.`);
    next();
  };
}
